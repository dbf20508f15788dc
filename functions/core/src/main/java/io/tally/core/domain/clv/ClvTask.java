package io.tally.core.domain.clv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One unit of the daily CLV job: read one parallel-scan segment of the consumer table, collect each brand's fit data
 * and value its consumers with the brand's latest converged fit.
 *
 * @param runId         the run; every task of one planning shares it (its parts are stored under it)
 * @param date          the report date
 * @param asOf          the instant consumers are valued at
 * @param segment       zero-based parallel-scan segment
 * @param totalSegments parallel-scan segments in the run
 * @param previousDate  the latest completed run before {@code date} with the same number of segments, whose stored
 *                      valuations give each consumer's previous valuation; null when there is none
 * @param flowsBaseDate the completed run about one month before {@code date} (same number of segments) whose
 *                      valuations give one month of first-purchase flows; null when there is none
 */
public record ClvTask(String runId, LocalDate date, Instant asOf, int segment, int totalSegments,
                      LocalDate previousDate, LocalDate flowsBaseDate) {

    public ClvTask {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(asOf, "asOf");
        if (totalSegments < 1 || segment < 0 || segment >= totalSegments) {
            throw new IllegalArgumentException("segment " + segment + " of " + totalSegments + " is out of range");
        }
    }
}
