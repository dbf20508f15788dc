package io.tally.testkit;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.DayLog;
import io.tally.core.port.out.LifecycleStorePort;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LifecycleStorePort} over an {@link InMemoryProfileStore}: the indexes are computed from the stored
 * profiles, as DynamoDB derives its sparse indexes from the profile items.
 */
public class InMemoryLifecycleStore implements LifecycleStorePort {

    private final InMemoryProfileStore profiles;
    private final Map<String, Map<LocalDate, DayLog>> rollups = new ConcurrentHashMap<>();

    public InMemoryLifecycleStore(InMemoryProfileStore profiles) {
        this.profiles = profiles;
    }

    @Override
    public List<String> brands() {
        return profiles.all().stream().map(p -> p.key().brandId()).distinct().sorted().toList();
    }

    @Override
    public List<ConsumerKey> dueForReview(String brandId, LocalDate day) {
        return live(brandId).stream().filter(p -> day.equals(p.lifecycle().reviewOn())).map(ConsumerProfile::key)
                .sorted(java.util.Comparator.comparing(ConsumerKey::consumerId)).toList();
    }

    @Override
    public Map<ConsumerKey, DayLog> dayLogs(String brandId, LocalDate day) {
        Map<ConsumerKey, DayLog> logs = new java.util.LinkedHashMap<>();
        live(brandId).forEach(p -> {
            DayLog log = p.lifecycle().logOf(day);
            if (!log.isEmpty()) {
                logs.put(p.key(), log);
            }
        });
        return logs;
    }

    @Override
    public void saveRollup(String brandId, DayLog total) {
        rollups.computeIfAbsent(brandId, b -> new ConcurrentHashMap<>()).put(total.day(), total);
    }

    @Override
    public Optional<DayLog> rollup(String brandId, LocalDate day) {
        return Optional.ofNullable(rollups.getOrDefault(brandId, Map.of()).get(day))
                .map(log -> new DayLog(log.day(), log.flows(), Map.of()));
    }

    @Override
    public Map<String, DailyMetrics> commerce(String brandId, LocalDate day) {
        Map<String, DailyMetrics> byChannel = new TreeMap<>();
        rollups.getOrDefault(brandId, Map.of()).values().forEach(log -> log.commerce().forEach((key, metrics) -> {
            if (key.day().equals(day)) {
                byChannel.merge(key.channel(), metrics, DailyMetrics::plus);
            }
        }));
        return byChannel;
    }

    private List<ConsumerProfile> live(String brandId) {
        return profiles.all().stream().filter(p -> p.key().brandId().equals(brandId) && !p.merged()).toList();
    }
}
