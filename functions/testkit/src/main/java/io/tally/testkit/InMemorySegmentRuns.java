package io.tally.testkit;

import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.domain.segment.SegmentRunCounts;
import io.tally.core.port.out.SegmentRunStorePort;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link SegmentRunStorePort} in maps; results are kept in the order saved. */
public class InMemorySegmentRuns implements SegmentRunStorePort {

    private final Map<String, Map<Integer, Map<String, Map<String, SegmentRunCounts>>>> parts = new ConcurrentHashMap<>();
    private final List<RecomputeResult> results = new CopyOnWriteArrayList<>();

    @Override
    public void savePart(String runId, int segment, Map<String, Map<String, SegmentRunCounts>> part) {
        parts.computeIfAbsent(runId, r -> new ConcurrentHashMap<>()).put(segment, Map.copyOf(part));
    }

    @Override
    public Map<Integer, Map<String, Map<String, SegmentRunCounts>>> loadParts(String runId) {
        return new TreeMap<>(parts.getOrDefault(runId, Map.of()));
    }

    @Override
    public void saveResult(RecomputeResult result) {
        results.removeIf(r -> r.runId().equals(result.runId()) && r.brandId().equals(result.brandId()));
        results.add(result);
    }

    @Override
    public Optional<RecomputeResult> latest(String brandId) {
        return results.stream().filter(r -> r.brandId().equals(brandId))
                .max(Comparator.comparing(RecomputeResult::asOf).thenComparing(RecomputeResult::runId));
    }

    /** Every result saved, oldest first (a repeated gather replaces its earlier result). */
    public List<RecomputeResult> results() {
        return List.copyOf(results);
    }
}
