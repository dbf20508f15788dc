package io.tally.core.domain.census;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One unit of a scatter-gather job: scan segment {@code segment} of {@code totalSegments} of the consumer table.
 *
 * @param runId         the job run, stable per job and date so re-planning is harmless
 * @param date          the business date the run is for
 * @param asOf          the instant activity windows are measured from
 * @param segment       zero-based parallel-scan segment
 * @param totalSegments number of segments in the run
 */
public record ScanTask(String runId, LocalDate date, Instant asOf, int segment, int totalSegments) {

    public ScanTask {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(asOf, "asOf");
        if (totalSegments < 1 || segment < 0 || segment >= totalSegments) {
            throw new IllegalArgumentException("segment " + segment + " of " + totalSegments + " is out of range");
        }
    }
}
