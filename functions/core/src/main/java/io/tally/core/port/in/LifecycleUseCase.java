package io.tally.core.port.in;

import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.CommerceReport;
import io.tally.core.domain.lifecycle.StageReport;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Lifecycle stages over time: the daily job, stage flows and commerce metrics. */
public interface LifecycleUseCase {

    /**
     * The daily job for {@code today}: re-evaluates every consumer indexed for review on the previous
     * {@link #REVIEW_CATCH_UP_DAYS} days (whose stages may have expired), then rolls up yesterday's day logs.
     * Re-running it is harmless.
     */
    DailyRun runDaily(LocalDate today);

    /** How many past days of review index the daily job reads, so a missed run is caught up. */
    int REVIEW_CATCH_UP_DAYS = 7;

    /**
     * Commerce of orders placed on each day of [{@code from}, {@code to}], by channel: stored roll-ups plus the day
     * logs of the last three processing days that are not rolled up yet (each read once).
     */
    Map<LocalDate, Map<String, DailyMetrics>> commerce(String brandId, LocalDate from, LocalDate to);

    /**
     * Stage distribution (from the census of {@code date}) and flows of one model on processing day {@code date}.
     *
     * @param model a stage model key of the brand ({@code aipl}, {@code deeplink}, or the brand's own)
     * @throws io.tally.core.domain.lifecycle.UnknownStageModelException when the brand has no such model
     */
    StageReport stages(String brandId, String model, LocalDate date);

    /**
     * {@link #commerce} per day of [{@code from}, {@code to}] with the day's total over channels, and AAC from the
     * census of {@code to}.
     */
    CommerceReport commerceReport(String brandId, LocalDate from, LocalDate to);

    /**
     * @param brands   brands processed
     * @param reviewed consumers re-evaluated
     * @param changed  of them, those whose stage or review day changed (one profile write each)
     * @param membershipsLeft of the changed, those whose segment memberships could not be updated right away
     *                        (written concurrently over and over); the daily segment recompute settles them
     * @param rolledUp      the day rolled up
     * @param rolledUpFlows flows counted that day, per brand
     */
    record DailyRun(List<String> brands, long reviewed, long changed, long membershipsLeft, LocalDate rolledUp,
                    Map<String, Long> rolledUpFlows) {
    }
}
