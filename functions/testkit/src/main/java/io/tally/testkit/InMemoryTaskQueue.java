package io.tally.testkit;

import io.tally.core.domain.census.ScanTask;
import io.tally.core.domain.clv.ClvTask;
import io.tally.core.domain.segment.RecomputeTask;
import io.tally.core.port.out.ClvTaskQueuePort;
import io.tally.core.port.out.ScanTaskQueuePort;
import io.tally.core.port.out.SegmentTaskQueuePort;

import java.util.ArrayList;
import java.util.List;

/** The scans queue in memory: keeps what was queued until {@link #drainRecompute()} takes it. */
public class InMemoryTaskQueue implements ScanTaskQueuePort, SegmentTaskQueuePort, ClvTaskQueuePort {

    private final List<ScanTask> census = new ArrayList<>();
    private final List<RecomputeTask> recompute = new ArrayList<>();
    private final List<ClvTask> clv = new ArrayList<>();

    @Override
    public synchronized void enqueue(List<ScanTask> tasks) {
        census.addAll(tasks);
    }

    @Override
    public synchronized void enqueueRecompute(List<RecomputeTask> tasks) {
        recompute.addAll(tasks);
    }

    @Override
    public synchronized void enqueueClv(List<ClvTask> tasks) {
        clv.addAll(tasks);
    }

    /** The queued CLV tasks, removed from the queue. */
    public synchronized List<ClvTask> drainClv() {
        List<ClvTask> taken = List.copyOf(clv);
        clv.clear();
        return taken;
    }

    /** The queued recompute tasks, removed from the queue. */
    public synchronized List<RecomputeTask> drainRecompute() {
        List<RecomputeTask> taken = List.copyOf(recompute);
        recompute.clear();
        return taken;
    }

    /** The queued census tasks, removed from the queue. */
    public synchronized List<ScanTask> drainCensus() {
        List<ScanTask> taken = List.copyOf(census);
        census.clear();
        return taken;
    }
}
