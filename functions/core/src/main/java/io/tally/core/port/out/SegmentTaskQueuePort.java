package io.tally.core.port.out;

import io.tally.core.domain.segment.RecomputeTask;

import java.util.List;

/** The work queue of full segment recomputes: each task is picked up by a worker invocation. */
public interface SegmentTaskQueuePort {

    /** @throws QueueUnavailableException when a task could not be queued */
    void enqueueRecompute(List<RecomputeTask> tasks);
}
