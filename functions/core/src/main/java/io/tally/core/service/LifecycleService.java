package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.DayLog;
import io.tally.core.domain.lifecycle.LifecycleSettings;
import io.tally.core.domain.lifecycle.LifecycleState;
import io.tally.core.domain.lifecycle.LifecycleTracker;
import io.tally.core.port.in.LifecycleUseCase;
import io.tally.core.domain.census.BrandCensus;
import io.tally.core.port.out.BrandSettingsPort;
import io.tally.core.port.out.CensusStorePort;
import io.tally.core.port.out.LifecycleStorePort;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.StaleProfileException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps lifecycle stages current as time passes and turns the consumers' day logs into daily figures. Its cost
 * follows the number of consumers due (read from the review index) and the number of consumers that changed on
 * the rolled-up day (read from the day index), never the size of the consumer base.
 */
public class LifecycleService implements LifecycleUseCase {

    private final ProfileStorePort profiles;
    private final LifecycleStorePort store;
    private final BrandSettingsPort settings;
    private final CensusStorePort census;
    private final Clock clock;

    public LifecycleService(ProfileStorePort profiles, LifecycleStorePort store, BrandSettingsPort settings,
                            CensusStorePort census, Clock clock) {
        this.profiles = profiles;
        this.store = store;
        this.settings = settings;
        this.census = census;
        this.clock = clock;
    }

    @Override
    public Optional<BrandCensus> census(String brandId, LocalDate date) {
        return census.loadResult(date).map(result -> result.byBrand().get(brandId));
    }

    @Override
    public DailyRun runDaily(LocalDate today) {
        List<String> brands = store.brands();
        long reviewed = 0;
        long changed = 0;
        LocalDate yesterday = today.minusDays(1);
        Map<String, Long> flows = new LinkedHashMap<>();
        for (String brand : brands) {
            for (LocalDate day = today.minusDays(REVIEW_CATCH_UP_DAYS); day.isBefore(today); day = day.plusDays(1)) {
                for (ConsumerKey key : store.dueForReview(brand, day)) {
                    reviewed++;
                    changed += review(key) ? 1 : 0;
                }
            }
            DayLog total = store.dayLogs(brand, yesterday);
            store.saveRollup(brand, total);
            flows.put(brand, total.flows().values().stream().mapToLong(Long::longValue).sum());
        }
        return new DailyRun(brands, reviewed, changed, yesterday, flows);
    }

    /** Re-evaluates one consumer's stages as of now; true if its profile was rewritten. */
    private boolean review(ConsumerKey key) {
        for (int attempt = 1; ; attempt++) {
            Optional<ConsumerProfile> stored = profiles.load(key);
            if (stored.isEmpty() || stored.get().merged()) {
                return false;
            }
            ConsumerProfile profile = stored.get();
            LifecycleSettings lifecycle = settings.lifecycle(key.brandId());
            LifecycleState next = LifecycleTracker.reevaluate(profile.lifecycle(), lifecycle, clock.instant());
            if (next.equals(profile.lifecycle())) {
                return false;
            }
            try {
                profiles.save(profile.withLifecycle(next));
                return true;
            } catch (StaleProfileException e) {
                if (attempt >= ProfileService.MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public DayFlows flows(String brandId, LocalDate date) {
        return store.rollup(brandId, date).map(log -> new DayFlows(log, true))
                .orElseGet(() -> new DayFlows(store.dayLogs(brandId, date), false));
    }

    @Override
    public Map<String, DailyMetrics> commerce(String brandId, LocalDate date) {
        Map<String, DailyMetrics> byChannel = new TreeMap<>(store.commerce(brandId, date));
        LocalDate today = LocalDate.ofInstant(clock.instant(), settings.lifecycle(brandId).zone());
        LocalDate firstUnrolled = today.minusDays(2);
        for (LocalDate day = date.isAfter(firstUnrolled) ? date : firstUnrolled; !day.isAfter(today);
             day = day.plusDays(1)) {
            if (store.rollup(brandId, day).isEmpty()) {
                store.dayLogs(brandId, day).commerce().forEach((key, metrics) -> {
                    if (key.day().equals(date)) {
                        byChannel.merge(key.channel(), metrics, DailyMetrics::plus);
                    }
                });
            }
        }
        return byChannel;
    }
}
