package io.tally.core.port.in;

import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.ClvRun;
import io.tally.core.domain.clv.ClvTask;
import io.tally.core.domain.clv.StoredAsset;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The daily CLV job as a scatter-gather over parallel-scan segments: {@link #plan} queues one task per segment;
 * {@link #work} reads one segment — each brand's fit data, and each consumer valued with the brand's latest converged
 * fit against its previous valuation — stores the part and the segment's valuations and, when it holds the last
 * missing part, fits every brand and stores the fits, assets, changes and flows. Any step can run again harmlessly.
 */
public interface ConsumerAssetJobUseCase {

    /**
     * A planned run.
     *
     * @param runId         the run id shared by its tasks
     * @param date          the report date
     * @param asOf          the valuation instant
     * @param tasks         tasks queued
     * @param previousDate  the run compared with, or null
     * @param flowsBaseDate the run about a month back whose valuations give first-purchase flows, or null
     */
    record Plan(String runId, LocalDate date, Instant asOf, int tasks, LocalDate previousDate,
                LocalDate flowsBaseDate) {
    }

    /**
     * A gathered run.
     *
     * @param run    the completed run
     * @param fits   every brand's fit of the date, converged or not
     * @param assets the assets stored (brands that had a converged fit before the date)
     */
    record Gathered(ClvRun run, List<ClvFit> fits, List<StoredAsset> assets) {

        public Gathered {
            fits = List.copyOf(fits);
            assets = List.copyOf(assets);
        }
    }

    Plan plan(LocalDate date);

    /** @return the gathered run if this task completed it, else empty */
    Optional<Gathered> work(ClvTask task);
}
