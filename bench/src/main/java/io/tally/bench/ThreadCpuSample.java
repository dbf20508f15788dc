package io.tally.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process and of each of its live Java threads at one moment, so that {@link GatewayLoad} can
 * tell which parts of the in-process stack used the CPU between two samples: threads are grouped by their name
 * without its numbers ({@code elasticmq-pekko.actor.default-dispatcher-4} and {@code -7} are one group). What the
 * JVM does outside Java threads (garbage collection, JIT compilation) and threads that ended in between show only in
 * the process total.
 */
final class ThreadCpuSample {

    private final long processNanos;
    private final Map<Long, Long> nanosByThread;
    private final Map<Long, String> groupByThread;

    private ThreadCpuSample(long processNanos, Map<Long, Long> nanosByThread, Map<Long, String> groupByThread) {
        this.processNanos = processNanos;
        this.nanosByThread = nanosByThread;
        this.groupByThread = groupByThread;
    }

    static ThreadCpuSample now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> groups = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                nanos.put(info.getThreadId(), cpu);
                groups.put(info.getThreadId(), info.getThreadName().replaceAll("-?\\d+", ""));
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new ThreadCpuSample(process, nanos, groups);
    }

    long processNanosSince(ThreadCpuSample earlier) {
        return processNanos - earlier.processNanos;
    }

    /** CPU time per thread group since {@code earlier}, largest first; threads born in between count from zero. */
    Map<String, Long> groupNanosSince(ThreadCpuSample earlier) {
        Map<String, Long> byGroup = new HashMap<>();
        nanosByThread.forEach((thread, cpu) -> byGroup.merge(groupByThread.get(thread),
                cpu - earlier.nanosByThread.getOrDefault(thread, 0L), Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
