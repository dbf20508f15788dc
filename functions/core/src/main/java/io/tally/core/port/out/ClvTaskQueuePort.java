package io.tally.core.port.out;

import io.tally.core.domain.clv.ClvTask;

import java.util.List;

/** The work queue of the CLV job: each task is picked up by a worker invocation. */
public interface ClvTaskQueuePort {

    /** @throws QueueUnavailableException when a task could not be queued */
    void enqueueClv(List<ClvTask> tasks);
}
