package io.tally.core.port.in;

import io.tally.core.domain.segment.RecomputePlan;
import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.domain.segment.RecomputeTask;

import java.util.List;

/**
 * The full recompute of segment memberships as a scatter-gather job: {@link #plan} splits the table into parallel-scan
 * segments and queues one task each; {@link #work} evaluates every segment of each consumer's brand in one scan
 * segment, records enters and exits (only what changed), stores its part and, when it holds the last missing part,
 * gathers the per-brand results. Any step can run again harmlessly.
 */
public interface RecomputeSegmentsUseCase {

    /** @param brandId the only brand to recompute, or null for every brand */
    RecomputePlan plan(String brandId);

    /** @return the gathered per-brand results if this task completed the run, else empty */
    List<RecomputeResult> work(RecomputeTask task);
}
