package io.tally.core.port.out;

import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.ClvRun;
import io.tally.core.domain.clv.FirstPurchaseFlows;
import io.tally.core.domain.clv.StoredAsset;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The CLV job's results per brand and report date: fits (converged or not), assets with their change, first-purchase
 * flows, and the completed runs. Every write is a whole-item put keyed by brand and date, so repeating one is
 * harmless.
 */
public interface ClvStorePort {

    /** Stores the brand's fit of its date (replacing an earlier attempt of the same date). */
    void saveFit(ClvFit fit);

    /** The brand's fit of {@code date}. */
    Optional<ClvFit> fit(String brandId, LocalDate date);

    /** The brand's latest fit dated before {@code before} that converged: the one consumers are valued with. */
    Optional<ClvFit> latestConvergedFit(String brandId, LocalDate before);

    /** Stores the brand's asset of its date (replacing an earlier one of the same date). */
    void saveAsset(StoredAsset asset);

    /** The brand's asset of {@code date}. */
    Optional<StoredAsset> asset(String brandId, LocalDate date);

    /** Stores one month of first-purchase flows observed up to {@code date}. */
    void saveFlows(String brandId, LocalDate date, FirstPurchaseFlows flows);

    /** The brand's latest stored flows dated before {@code before}. */
    Optional<FirstPurchaseFlows> latestFlows(String brandId, LocalDate before);

    /** Records a completed run (replacing an earlier record of the same date). */
    void saveRun(ClvRun run);

    /** The latest completed run dated on or before {@code onOrBefore}. */
    Optional<ClvRun> latestRun(LocalDate onOrBefore);
}
