package io.tally.core.domain.segment;

import java.time.Instant;

/**
 * A planned full recompute.
 *
 * @param runId   the run id shared by its tasks
 * @param brandId the only brand recomputed, or null for every brand
 * @param asOf    the evaluation instant
 * @param tasks   the tasks queued, one per parallel-scan segment
 */
public record RecomputePlan(String runId, String brandId, Instant asOf, int tasks) {
}
