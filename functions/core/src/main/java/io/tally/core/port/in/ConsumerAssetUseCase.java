package io.tally.core.port.in;

import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.StoredAsset;

import java.time.LocalDate;
import java.util.Optional;

/** Reads a brand's stored consumer asset of a report date, with the fits behind it. */
public interface ConsumerAssetUseCase {

    /**
     * A brand's asset of a date.
     *
     * @param asset         the asset, its change since the previous date and the date compared with
     * @param fitUsed       the converged fit the consumers were valued with
     * @param latestAttempt the brand's fit of the asset's date when it did not converge (it is not used), else null
     */
    record AssetReport(StoredAsset asset, ClvFit fitUsed, ClvFit latestAttempt) {
    }

    /** The brand's asset of {@code date}, if the CLV job stored one. */
    Optional<AssetReport> asset(String brandId, LocalDate date);
}
