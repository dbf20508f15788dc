package io.tally.core.domain.clv;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one scan segment of a CLV run found, per brand, kept until the gather merges the parts of every segment.
 *
 * @param brands the brand's part by brand id
 */
public record ClvPart(Map<String, BrandPart> brands) {

    public ClvPart {
        brands = java.util.Collections.unmodifiableMap(new TreeMap<>(brands));
    }

    /**
     * One brand's share of a scan segment.
     *
     * @param counts  the buyers' (x, tx, T) for the BG/NBD fit
     * @param spend   the buyers' spend for the Gamma-Gamma fit
     * @param fitDate the date of the converged fit the consumers were valued with, or null when the brand had none
     *                (then {@code asset}, {@code change} and {@code flows} are null too)
     * @param asset   the valued consumers' asset
     * @param change  the change from the consumers' previous valuations, or null without a previous date
     * @param flows   one month of first-purchase flows of the valuation model, or null without a base one month back
     */
    public record BrandPart(SummaryCounts counts, SpendData spend, LocalDate fitDate, ConsumerAsset asset,
                            AssetChange change, FirstPurchaseFlows flows) {

        public BrandPart {
            Objects.requireNonNull(counts, "counts");
            Objects.requireNonNull(spend, "spend");
            if (fitDate == null && (asset != null || change != null || flows != null)) {
                throw new IllegalArgumentException("an asset, change or flows need the fit they were valued with");
            }
            if (fitDate != null && asset == null) {
                throw new IllegalArgumentException("a part valued with a fit holds its asset");
            }
        }
    }
}
