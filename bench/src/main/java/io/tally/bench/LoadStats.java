package io.tally.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one sender thread saw in one phase of a {@link GatewayLoad} run: requests by status code (-1 for a request
 * that got no answer), events the gateway accepted and rejected, every request's latency, and when the last
 * request ended. Written by one thread only; {@link #merge} combines the threads' records afterwards.
 */
final class LoadStats {

    /** The status recorded for a request that failed without an HTTP answer (connection error, timeout). */
    static final int NO_ANSWER = -1;

    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long[] latenciesNanos = new long[1024];
    private int requests;
    private long acceptedEvents;
    private long rejectedEvents;
    private long lastEndNanos;

    void record(int status, long startNanos, long endNanos, long accepted, long rejected) {
        statuses.merge(status, 1L, Long::sum);
        if (requests == latenciesNanos.length) {
            latenciesNanos = Arrays.copyOf(latenciesNanos, requests * 2);
        }
        latenciesNanos[requests++] = endNanos - startNanos;
        acceptedEvents += accepted;
        rejectedEvents += rejected;
        lastEndNanos = Math.max(lastEndNanos, endNanos);
    }

    static LoadStats merge(Iterable<LoadStats> parts) {
        LoadStats all = new LoadStats();
        for (LoadStats part : parts) {
            part.statuses.forEach((status, count) -> all.statuses.merge(status, count, Long::sum));
            long[] latencies = Arrays.copyOf(all.latenciesNanos, all.requests + part.requests);
            System.arraycopy(part.latenciesNanos, 0, latencies, all.requests, part.requests);
            all.latenciesNanos = latencies;
            all.requests += part.requests;
            all.acceptedEvents += part.acceptedEvents;
            all.rejectedEvents += part.rejectedEvents;
            all.lastEndNanos = Math.max(all.lastEndNanos, part.lastEndNanos);
        }
        Arrays.sort(all.latenciesNanos, 0, all.requests);
        return all;
    }

    /** The latency below which {@code fraction} of the requests ended (nearest rank); call on merged stats. */
    double latencyMillis(double fraction) {
        if (requests == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(fraction * requests);
        return latenciesNanos[Math.min(requests, Math.max(1, rank)) - 1] / 1e6;
    }

    /** Status codes and their counts, in order, e.g. {@code 200=1520 429=3}. */
    String statusSummary() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(statuses).forEach((status, count) -> out.append(out.isEmpty() ? "" : " ")
                .append(status == NO_ANSWER ? "no-answer" : status.toString()).append('=').append(count));
        return out.isEmpty() ? "none" : out.toString();
    }

    int requests() {
        return requests;
    }

    long acceptedEvents() {
        return acceptedEvents;
    }

    long rejectedEvents() {
        return rejectedEvents;
    }

    long lastEndNanos() {
        return lastEndNanos;
    }
}
