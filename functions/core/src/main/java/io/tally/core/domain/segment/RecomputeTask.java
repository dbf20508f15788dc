package io.tally.core.domain.segment;

import java.time.Instant;
import java.util.Objects;

/**
 * One unit of a full segment recompute: evaluate every segment against the consumers of one parallel-scan segment
 * of the table.
 *
 * @param runId         the run; every task of one planning shares it
 * @param brandId       the only brand to recompute, or null for every brand
 * @param asOf          the instant rules are evaluated at (rolling windows end there); also the entry time of new
 *                      memberships
 * @param segment       zero-based parallel-scan segment
 * @param totalSegments parallel-scan segments in the run
 */
public record RecomputeTask(String runId, String brandId, Instant asOf, int segment, int totalSegments) {

    public RecomputeTask {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(asOf, "asOf");
        if (totalSegments < 1 || segment < 0 || segment >= totalSegments) {
            throw new IllegalArgumentException("segment " + segment + " of " + totalSegments + " is out of range");
        }
    }

    /** Whether this task covers the consumers of {@code brand}. */
    public boolean covers(String brand) {
        return brandId == null || brandId.equals(brand);
    }
}
