package io.tally.core.port.out;

import io.tally.core.domain.census.ScanTask;

import java.util.List;

/** The work queue of scatter-gather jobs: each task is picked up by a worker invocation. */
public interface ScanTaskQueuePort {

    void enqueue(List<ScanTask> tasks);
}
