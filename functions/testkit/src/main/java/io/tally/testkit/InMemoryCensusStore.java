package io.tally.testkit;

import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.port.out.CensusStorePort;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link CensusStorePort} in maps. */
public class InMemoryCensusStore implements CensusStorePort {

    private final Map<String, Map<Integer, Map<String, BrandCensus>>> parts = new ConcurrentHashMap<>();
    private final Map<LocalDate, CensusResult> results = new ConcurrentHashMap<>();

    @Override
    public void savePart(String runId, int segment, Map<String, BrandCensus> part) {
        parts.computeIfAbsent(runId, r -> new ConcurrentHashMap<>()).put(segment, Map.copyOf(part));
    }

    @Override
    public Map<Integer, Map<String, BrandCensus>> loadParts(String runId) {
        return new TreeMap<>(parts.getOrDefault(runId, Map.of()));
    }

    @Override
    public void saveResult(CensusResult result) {
        results.put(result.date(), result);
    }

    @Override
    public Optional<CensusResult> loadResult(LocalDate date) {
        return Optional.ofNullable(results.get(date));
    }
}
