package io.tally.core.port.in;

import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.DayLog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * The flows of processing day {@code date}: its stored roll-up, or the live sum of the day logs until then
     * (with the day's commerce by order day in that case).
     */
    DayFlows flows(String brandId, LocalDate date);

    /**
     * Commerce of orders placed on each day of [{@code from}, {@code to}], by channel: stored roll-ups plus the day
     * logs of the last three processing days that are not rolled up yet (each read once).
     */
    Map<LocalDate, Map<String, DailyMetrics>> commerce(String brandId, LocalDate from, LocalDate to);

    /**
     * The brand's head-count of census day {@code date} (stage distribution per model, AAC), if the census ran
     * that day.
     */
    Optional<BrandCensus> census(String brandId, LocalDate date);

    /**
     * @param brands   brands processed
     * @param reviewed consumers re-evaluated
     * @param changed  of them, those whose stage or review day changed (one profile write each)
     * @param rolledUp      the day rolled up
     * @param rolledUpFlows flows counted that day, per brand
     */
    record DailyRun(List<String> brands, long reviewed, long changed, LocalDate rolledUp,
                    Map<String, Long> rolledUpFlows) {
    }

    /**
     * @param log      flows and commerce of the day
     * @param rolledUp whether it is the stored roll-up (false: a live sum that may still grow)
     */
    record DayFlows(DayLog log, boolean rolledUp) {
    }
}
