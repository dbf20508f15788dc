package io.tally.core.domain.clv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A brand's consumer asset of one report date as stored, with how it changed since the previous report date.
 *
 * @param brandId      the brand
 * @param date         the report date
 * @param asOf         the instant consumers were valued at
 * @param fitDate      the date of the converged fit the consumers were valued with (earlier than {@code date})
 * @param asset        the asset: totals, by stage per model, by channel, by segment
 * @param previousDate the report date compared with, or null when there was none to compare with
 * @param change       the change accumulated from each consumer's pair of valuations, or null without a previous date
 * @param summary      {@code change.summary(previous asset)}, or null without a previous date
 */
public record StoredAsset(String brandId, LocalDate date, Instant asOf, LocalDate fitDate, ConsumerAsset asset,
                          LocalDate previousDate, AssetChange change, AssetChangeSummary summary) {

    public StoredAsset {
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(fitDate, "fitDate");
        Objects.requireNonNull(asset, "asset");
        if ((previousDate == null) != (change == null) || (change == null) != (summary == null)) {
            throw new IllegalArgumentException("previous date, change and summary go together");
        }
    }
}
