package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.lifecycle.CommerceReport;
import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.DayLog;
import io.tally.core.domain.lifecycle.LifecycleSettings;
import io.tally.core.domain.lifecycle.LifecycleState;
import io.tally.core.domain.lifecycle.LifecycleTracker;
import io.tally.core.domain.lifecycle.StageModel;
import io.tally.core.domain.lifecycle.StageModels;
import io.tally.core.domain.lifecycle.StageReport;
import io.tally.core.domain.lifecycle.StageRule;
import io.tally.core.domain.lifecycle.UnknownStageModelException;
import io.tally.core.port.in.LifecycleUseCase;
import io.tally.core.port.in.UpdateMembershipUseCase;
import io.tally.core.domain.census.BrandCensus;
import io.tally.core.port.out.BrandSettingsPort;
import io.tally.core.port.out.CensusStorePort;
import io.tally.core.port.out.LifecycleStorePort;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.StaleProfileException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

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
    private final Executor executor;
    private final UpdateMembershipUseCase memberships;

    /**
     * @param executor    re-evaluates the consumers due for review concurrently (each is one read and at most one
     *                    conditional write of its own profile, independent of the others)
     * @param memberships moves a consumer whose stages changed in or out of the brand's segments right after its
     *                    write; null when segments are not in use
     */
    public LifecycleService(ProfileStorePort profiles, LifecycleStorePort store, BrandSettingsPort settings,
                            CensusStorePort census, Clock clock, Executor executor,
                            UpdateMembershipUseCase memberships) {
        this.profiles = profiles;
        this.store = store;
        this.settings = settings;
        this.census = census;
        this.clock = clock;
        this.executor = executor;
        this.memberships = memberships;
    }

    /** Re-evaluates due consumers one after another, on the calling thread. */
    public LifecycleService(ProfileStorePort profiles, LifecycleStorePort store, BrandSettingsPort settings,
                            CensusStorePort census, Clock clock) {
        this(profiles, store, settings, census, clock, Runnable::run, null);
    }

    /**
     * Per brand, "today" is the brand's own date at the run: for the 00:15 UTC schedule, yesterday in the brand's
     * zone is a day that has ended everywhere (at 00:15 UTC it is already the next day east of UTC and still the
     * previous afternoon west of it, whose yesterday is then rolled up). A run for an earlier business date is
     * placed at 00:15 UTC of that date, as its schedule would have been.
     */
    @Override
    public DailyRun runDaily(LocalDate today) {
        Instant now = clock.instant();
        Instant runAt = today.equals(LocalDate.ofInstant(now, ZoneOffset.UTC)) ? now
                : today.atTime(0, 15).toInstant(ZoneOffset.UTC);
        List<String> brands = brands(today);
        long reviewed = 0;
        long changed = 0;
        long membershipsLeft = 0;
        Map<String, Long> flows = new LinkedHashMap<>();
        LocalDate rolledUp = today.minusDays(1);
        for (String brand : brands) {
            LocalDate brandToday = LocalDate.ofInstant(runAt, settings.lifecycle(brand).zone());
            LocalDate yesterday = brandToday.minusDays(1);
            List<ConsumerKey> due = new ArrayList<>();
            for (LocalDate day = brandToday.minusDays(REVIEW_CATCH_UP_DAYS); day.isBefore(brandToday);
                 day = day.plusDays(1)) {
                due.addAll(store.dueForReview(brand, day));
            }
            List<CompletableFuture<Review>> reviews = due.stream()
                    .map(key -> CompletableFuture.supplyAsync(() -> review(key, yesterday), executor)).toList();
            Map<ConsumerKey, DayLog> fresh = new HashMap<>();
            for (int i = 0; i < due.size(); i++) {
                Review review = joined(reviews, i);
                if (review.changed()) {
                    fresh.put(due.get(i), review.yesterday());
                    changed++;
                }
                membershipsLeft += review.membershipsLeft() ? 1 : 0;
            }
            reviewed += due.size();
            Map<ConsumerKey, DayLog> logs = new HashMap<>(store.dayLogs(brand, yesterday));
            logs.putAll(fresh);
            DayLog total = DayLog.sum(yesterday, logs.values());
            store.saveRollup(brand, total);
            flows.put(brand, total.flows().values().stream().mapToLong(Long::longValue).sum());
            rolledUp = yesterday;
        }
        return new DailyRun(brands, reviewed, changed, membershipsLeft, rolledUp, flows);
    }

    /**
     * Brands registered when their keys were issued, and every brand the census of the last days counted (so a
     * brand whose keys predate the registry is not skipped).
     */
    private List<String> brands(LocalDate today) {
        Set<String> brands = new TreeSet<>(store.brands());
        for (int back = 0; back <= 2; back++) {
            census.loadResult(today.minusDays(back)).ifPresent(result -> brands.addAll(result.byBrand().keySet()));
        }
        return new ArrayList<>(brands);
    }

    /**
     * One consumer's review.
     *
     * @param changed         whether its profile was rewritten
     * @param yesterday       the rewritten profile's day log of the rolled-up day (null when unchanged)
     * @param membershipsLeft whether its memberships could not be updated (the daily recompute settles them)
     */
    private record Review(boolean changed, DayLog yesterday, boolean membershipsLeft) {
        static final Review UNCHANGED = new Review(false, null, false);
    }

    /**
     * Review {@code i}'s result, or its failure as thrown by the review itself; on a failure the reviews not started
     * yet are cancelled, so a failed run leaves no work behind on the shared threads.
     */
    private static Review joined(List<CompletableFuture<Review>> reviews, int i) {
        try {
            return reviews.get(i).join();
        } catch (CompletionException e) {
            reviews.forEach(r -> r.cancel(false));
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Re-evaluates one consumer's stages as of now; when they changed, writes the profile and moves the consumer in
     * or out of the segments that read what changed.
     */
    private Review review(ConsumerKey key, LocalDate yesterday) {
        for (int attempt = 1; ; attempt++) {
            Optional<ConsumerProfile> stored = profiles.load(key);
            if (stored.isEmpty() || stored.get().merged()) {
                return Review.UNCHANGED;
            }
            ConsumerProfile profile = stored.get();
            LifecycleSettings lifecycle = settings.lifecycle(key.brandId());
            Instant now = clock.instant();
            LifecycleState next = LifecycleTracker.reevaluate(profile.lifecycle(), lifecycle, now);
            if (next.equals(profile.lifecycle())) {
                return Review.UNCHANGED;
            }
            ConsumerProfile written = profile.withLifecycle(next);
            try {
                profiles.save(written);
            } catch (StaleProfileException e) {
                if (attempt >= ProfileService.MAX_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            return new Review(true, next.logOf(yesterday), !updateMemberships(profile, written, now));
        }
    }

    /** Whether the memberships follow the written profile now. */
    private boolean updateMemberships(ConsumerProfile before, ConsumerProfile written, Instant now) {
        if (memberships == null) {
            return true;
        }
        try {
            memberships.update(written, now, ProfileService.changed(before, written));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public StageReport stages(String brandId, String model, LocalDate date) {
        StageModels models = settings.lifecycle(brandId).models();
        StageModel stageModel = models.model(model).orElseThrow(() -> new UnknownStageModelException(model,
                models.models().stream().map(StageModel::key).toList()));
        Optional<DayLog> rollup = store.rollup(brandId, date);
        DayLog log = rollup.orElseGet(() -> sum(store.dayLogs(brandId, date), date));
        List<StageReport.FlowCount> flows = new ArrayList<>();
        Map<String, Map<String, Long>> matrix = new TreeMap<>();
        log.flows().forEach((flow, count) -> {
            if (flow.model().equals(model)) {
                flows.add(new StageReport.FlowCount(stage(flow.from()), stage(flow.to()), flow.channel(), count));
                matrix.computeIfAbsent(stage(flow.from()), f -> new TreeMap<>()).merge(stage(flow.to()), count,
                        Long::sum);
            }
        });
        Optional<BrandCensus> dayCensus = census(brandId, date);
        return new StageReport(brandId, model, stageModel.stages().stream().map(StageRule::code).toList(), date,
                rollup.isPresent(), dayCensus.map(c -> c.stages().getOrDefault(model, Map.of())).orElse(null),
                dayCensus.isPresent() ? date : null, flows, matrix);
    }

    @Override
    public CommerceReport commerceReport(String brandId, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, DailyMetrics>> commerce = commerce(brandId, from, to);
        List<CommerceReport.Day> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<String, DailyMetrics> channels = commerce.getOrDefault(day, Map.of());
            days.add(new CommerceReport.Day(day, channels.values().stream().reduce(DailyMetrics.empty(),
                    DailyMetrics::plus), channels));
        }
        Optional<BrandCensus> dayCensus = census(brandId, to);
        return new CommerceReport(brandId, from, to, days, dayCensus.map(BrandCensus::annualActive).orElse(null),
                dayCensus.isPresent() ? to : null);
    }

    private Optional<BrandCensus> census(String brandId, LocalDate date) {
        return census.loadResult(date).map(result -> result.byBrand().get(brandId));
    }

    private static String stage(String code) {
        return code == null ? BrandCensus.NO_STAGE : code;
    }

    @Override
    public Map<LocalDate, Map<String, DailyMetrics>> commerce(String brandId, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, DailyMetrics>> byDay = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            byDay.put(day, new TreeMap<>(store.commerce(brandId, day)));
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), settings.lifecycle(brandId).zone());
        for (LocalDate processed = today.minusDays(2); !processed.isAfter(today); processed = processed.plusDays(1)) {
            if (processed.isBefore(from) || store.rollup(brandId, processed).isPresent()) {
                continue;
            }
            sum(store.dayLogs(brandId, processed), processed).commerce().forEach((key, metrics) -> {
                Map<String, DailyMetrics> channels = byDay.get(key.day());
                if (channels != null) {
                    channels.merge(key.channel(), metrics, DailyMetrics::plus);
                }
            });
        }
        return byDay;
    }

    private static DayLog sum(Map<ConsumerKey, DayLog> logs, LocalDate day) {
        return DayLog.sum(day, logs.values());
    }
}
