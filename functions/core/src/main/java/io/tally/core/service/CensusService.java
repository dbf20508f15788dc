package io.tally.core.service;

import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.domain.census.ScanTask;
import io.tally.core.port.in.CensusUseCase;
import io.tally.core.port.out.CensusStorePort;
import io.tally.core.port.out.ProfileScanPort;
import io.tally.core.port.out.ScanTaskQueuePort;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Scatter-gather census over DynamoDB parallel-scan segments. */
public class CensusService implements CensusUseCase {

    private final ScanTaskQueuePort tasks;
    private final ProfileScanPort profiles;
    private final CensusStorePort store;
    private final Clock clock;
    private final int totalSegments;

    /** @param totalSegments scan segments per run: size it so one segment scans well within a worker's timeout */
    public CensusService(ScanTaskQueuePort tasks, ProfileScanPort profiles, CensusStorePort store, Clock clock,
                         int totalSegments) {
        if (totalSegments < 1) {
            throw new IllegalArgumentException("totalSegments must be at least 1");
        }
        this.tasks = tasks;
        this.profiles = profiles;
        this.store = store;
        this.clock = clock;
        this.totalSegments = totalSegments;
    }

    /** A run id per planning, so re-running a day's census never mixes its parts with an earlier run's. */
    public static String runId(LocalDate date, Instant plannedAt) {
        return "census-" + date + "-" + plannedAt.toEpochMilli();
    }

    @Override
    public int plan(LocalDate date) {
        Instant asOf = date.equals(LocalDate.now(clock.withZone(ZoneOffset.UTC))) ? clock.instant()
                : date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ScanTask> planned = new ArrayList<>();
        String runId = runId(date, clock.instant());
        for (int segment = 0; segment < totalSegments; segment++) {
            planned.add(new ScanTask(runId, date, asOf, segment, totalSegments));
        }
        tasks.enqueue(planned);
        return planned.size();
    }

    @Override
    public Optional<CensusResult> work(ScanTask task) {
        Map<String, BrandCensus.Counter> counters = new HashMap<>();
        profiles.scan(task.segment(), task.totalSegments(), profile -> counters.computeIfAbsent(
                profile.key().brandId(), brand -> new BrandCensus.Counter(task.asOf())).count(profile));
        Map<String, BrandCensus> part = new HashMap<>();
        counters.forEach((brand, counter) -> part.put(brand, counter.result()));
        store.savePart(task.runId(), task.segment(), part);
        Map<Integer, Map<String, BrandCensus>> parts = store.loadParts(task.runId());
        if (parts.keySet().stream().filter(segment -> segment < task.totalSegments()).count() < task.totalSegments()) {
            return Optional.empty();
        }
        Map<String, BrandCensus> byBrand = new TreeMap<>();
        parts.entrySet().stream().filter(e -> e.getKey() < task.totalSegments()).map(Map.Entry::getValue)
                .forEach(p -> p.forEach((brand, census) -> byBrand.merge(brand, census, BrandCensus::plus)));
        CensusResult result = new CensusResult(task.date(), task.asOf(), task.totalSegments(), byBrand);
        store.saveResult(result);
        return Optional.of(result);
    }
}
