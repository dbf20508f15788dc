package io.tally.testkit;

import io.tally.core.domain.clv.ClvPart;
import io.tally.core.domain.clv.ValuationSnapshot;
import io.tally.core.port.out.ClvPartStorePort;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link ClvPartStorePort} in memory. Valuations are kept as their bytes ({@link ValuationSnapshot#toBytes()}), as the
 * S3 adapter keeps them, so a run reads back exactly what a stored object would give.
 */
public class InMemoryClvParts implements ClvPartStorePort {

    private final Map<String, Map<Integer, ClvPart>> parts = new HashMap<>();
    private final Map<String, byte[]> valuations = new HashMap<>();

    private static String valuationsKey(LocalDate date, int segment, int totalSegments) {
        return date + "/" + totalSegments + "/" + segment;
    }

    @Override
    public synchronized void savePart(String runId, int segment, ClvPart part) {
        parts.computeIfAbsent(runId, r -> new HashMap<>()).put(segment, part);
    }

    @Override
    public synchronized Set<Integer> storedParts(String runId) {
        return new TreeSet<>(parts.getOrDefault(runId, Map.of()).keySet());
    }

    @Override
    public synchronized ClvPart loadPart(String runId, int segment) {
        ClvPart part = parts.getOrDefault(runId, Map.of()).get(segment);
        if (part == null) {
            throw new IllegalStateException("no part " + segment + " of run " + runId);
        }
        return part;
    }

    @Override
    public synchronized void saveValuations(LocalDate date, int segment, int totalSegments,
                                            ValuationSnapshot snapshot) {
        valuations.put(valuationsKey(date, segment, totalSegments), snapshot.toBytes());
    }

    @Override
    public synchronized Optional<ValuationSnapshot> loadValuations(LocalDate date, int segment, int totalSegments) {
        return Optional.ofNullable(valuations.get(valuationsKey(date, segment, totalSegments)))
                .map(ValuationSnapshot::fromBytes);
    }

    /** Forgets the valuations of {@code date}, as the bucket's expiry would. */
    public synchronized void expireValuations(LocalDate date) {
        valuations.keySet().removeIf(key -> key.startsWith(date + "/"));
    }
}
