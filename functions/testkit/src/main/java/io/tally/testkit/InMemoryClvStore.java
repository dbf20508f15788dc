package io.tally.testkit;

import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.ClvRun;
import io.tally.core.domain.clv.FirstPurchaseFlows;
import io.tally.core.domain.clv.StoredAsset;
import io.tally.core.port.out.ClvStorePort;

import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ClvStorePort} in memory: fits, assets and flows per brand by date, runs by date. Counts the writes. */
public class InMemoryClvStore implements ClvStorePort {

    private final Map<String, NavigableMap<LocalDate, ClvFit>> fits = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<LocalDate, StoredAsset>> assets = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<LocalDate, FirstPurchaseFlows>> flows = new ConcurrentHashMap<>();
    private final NavigableMap<LocalDate, ClvRun> runs = new TreeMap<>();
    private int writes;

    private static <T> NavigableMap<LocalDate, T> of(Map<String, NavigableMap<LocalDate, T>> map, String brand) {
        return map.computeIfAbsent(brand, b -> new TreeMap<>());
    }

    @Override
    public synchronized void saveFit(ClvFit fit) {
        of(fits, fit.brandId()).put(fit.date(), fit);
        writes++;
    }

    @Override
    public synchronized Optional<ClvFit> fit(String brandId, LocalDate date) {
        return Optional.ofNullable(of(fits, brandId).get(date));
    }

    @Override
    public synchronized Optional<ClvFit> latestConvergedFit(String brandId, LocalDate before) {
        return of(fits, brandId).headMap(before, false).descendingMap().values().stream()
                .filter(ClvFit::converged).findFirst();
    }

    @Override
    public synchronized void saveAsset(StoredAsset asset) {
        of(assets, asset.brandId()).put(asset.date(), asset);
        writes++;
    }

    @Override
    public synchronized Optional<StoredAsset> asset(String brandId, LocalDate date) {
        return Optional.ofNullable(of(assets, brandId).get(date));
    }

    @Override
    public synchronized void saveFlows(String brandId, LocalDate date, FirstPurchaseFlows stored) {
        of(flows, brandId).put(date, stored.copy());
        writes++;
    }

    @Override
    public synchronized Optional<FirstPurchaseFlows> latestFlows(String brandId, LocalDate before) {
        return Optional.ofNullable(of(flows, brandId).lowerEntry(before)).map(e -> e.getValue().copy());
    }

    @Override
    public synchronized void saveRun(ClvRun run) {
        runs.put(run.date(), run);
        writes++;
    }

    @Override
    public synchronized Optional<ClvRun> latestRun(LocalDate onOrBefore) {
        return Optional.ofNullable(runs.floorEntry(onOrBefore)).map(Map.Entry::getValue);
    }

    /** Every fit of the brand, by date. */
    public synchronized NavigableMap<LocalDate, ClvFit> fits(String brandId) {
        return new TreeMap<>(of(fits, brandId));
    }

    /** Every stored flows of the brand, by date. */
    public synchronized NavigableMap<LocalDate, FirstPurchaseFlows> flows(String brandId) {
        return new TreeMap<>(of(flows, brandId));
    }

    /** Puts so far. */
    public synchronized int writes() {
        return writes;
    }
}
