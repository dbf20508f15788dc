package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.lifecycle.CommerceReport;
import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.StageReport;
import io.tally.core.domain.lifecycle.UnknownStageModelException;
import io.tally.core.domain.lifecycle.DayLog;
import io.tally.core.domain.lifecycle.DayLog.Flow;
import io.tally.core.domain.lifecycle.StageAssignment;
import io.tally.core.port.in.ApplyEventsUseCase.QueuedEnvelope;
import io.tally.core.port.in.LifecycleUseCase.DailyRun;
import io.tally.core.domain.identity.IdentityPolicy;
import io.tally.core.domain.lifecycle.EventMapping;
import io.tally.core.domain.lifecycle.LifecycleSettings;
import io.tally.core.domain.lifecycle.StageModels;
import io.tally.testkit.FixedBrandSettings;
import io.tally.testkit.InMemoryCensusStore;
import io.tally.testkit.InMemoryIdentityGraph;
import io.tally.testkit.InMemoryLifecycleStore;
import io.tally.testkit.InMemoryProfileStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tally.testkit.ConsumerEventBuilder.aTrackEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lifecycle over 420 days with a clock the test moves: the processor folds the journey's events, the daily job
 * runs every day at 00:15 and moves consumers whose stages expired. The journey is docs/lifecycle.md's example:
 * exposure day 0, product view day 2, cart add day 5, order day 14, repeat order day 44, then silence.
 */
class LifecycleJourneyTest {

    private static final LocalDate DAY0 = LocalDate.parse("2026-01-05");
    private static final String BRAND = "acme";

    private final MutableClock clock = new MutableClock(DAY0.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
    private final InMemoryIdentityGraph graph = new InMemoryIdentityGraph();
    private final InMemoryProfileStore profiles = new InMemoryProfileStore(graph);
    private final InMemoryLifecycleStore lifecycleStore = new InMemoryLifecycleStore(profiles);
    private final ProfileService processor = new ProfileService(profiles, graph, FixedBrandSettings.defaults(), clock);
    private final LifecycleService job = new LifecycleService(profiles, lifecycleStore, FixedBrandSettings.defaults(),
            new InMemoryCensusStore(), clock);

    @Test
    void givenTheDocumentedJourney_whenDaysPass_thenStoredStagesFollowBothModelsDayByDay() {
        Map<Integer, String[]> stagesAfterJob = new HashMap<>();
        long reviewed = live(420, stagesAfterJob);

        assertThat(stagesAfterJob.get(1)).containsExactly("A", "DISCOVER");
        assertThat(stagesAfterJob.get(2)).containsExactly("A", "DISCOVER");
        for (int day = 3; day <= 5; day++) {
            assertThat(stagesAfterJob.get(day)).as("day %d", day).containsExactly("I", "ENGAGE");
        }
        for (int day = 6; day <= 12; day++) {
            assertThat(stagesAfterJob.get(day)).as("day %d", day).containsExactly("I", "PERFORM");
        }
        for (int day = 13; day <= 14; day++) {
            assertThat(stagesAfterJob.get(day)).as("day %d", day).containsExactly("I", "ENTHUSE");
        }
        for (int day = 15; day <= 44; day++) {
            assertThat(stagesAfterJob.get(day)).as("day %d", day).containsExactly("P", "LEAD");
        }
        for (int day = 45; day <= 379; day++) {
            assertThat(stagesAfterJob.get(day)).as("day %d", day).containsExactly("L", "INHERIT");
        }
        for (int day = 380; day <= 409; day++) {
            assertThat(stagesAfterJob.get(day)).as("day %d", day).containsExactly("P", "LEAD");
        }
        for (int day = 410; day <= 420; day++) {
            assertThat(stagesAfterJob.get(day)).as("day %d", day).containsExactly("-", "-");
        }
        assertThat(reviewed).as("consumers re-evaluated by the daily job over 420 days").isLessThanOrEqualTo(8);
    }

    @Test
    void givenTheJourney_whenRolledUp_thenEachStageChangeIsOneFlowOnItsDayWithItsChannel() {
        live(420, new HashMap<>());

        assertThat(flows(0)).containsOnly(Map.entry(new Flow("aipl", null, "A", "ads"), 1L),
                Map.entry(new Flow("deeplink", null, "DISCOVER", "ads"), 1L));
        assertThat(flows(2)).containsOnly(Map.entry(new Flow("aipl", "A", "I", "web"), 1L),
                Map.entry(new Flow("deeplink", "DISCOVER", "ENGAGE", "web"), 1L));
        assertThat(flows(5)).containsOnly(Map.entry(new Flow("deeplink", "ENGAGE", "PERFORM", "app"), 1L));
        assertThat(flows(12)).containsOnly(Map.entry(new Flow("deeplink", "PERFORM", "ENTHUSE", "expiry"), 1L));
        assertThat(flows(14)).containsOnly(Map.entry(new Flow("aipl", "I", "P", "pos"), 1L),
                Map.entry(new Flow("deeplink", "ENTHUSE", "LEAD", "pos"), 1L));
        assertThat(flows(44)).containsOnly(Map.entry(new Flow("aipl", "P", "L", "web"), 1L),
                Map.entry(new Flow("deeplink", "LEAD", "INHERIT", "web"), 1L));
        assertThat(flows(379)).containsOnly(Map.entry(new Flow("aipl", "L", "P", "expiry"), 1L),
                Map.entry(new Flow("deeplink", "INHERIT", "LEAD", "expiry"), 1L));
        assertThat(flows(409)).containsOnly(Map.entry(new Flow("aipl", "P", null, "expiry"), 1L),
                Map.entry(new Flow("deeplink", "LEAD", null, "expiry"), 1L));
        long flowDays = java.util.stream.IntStream.rangeClosed(0, 419).filter(d -> !flows(d).isEmpty()).count();
        assertThat(flowDays).isEqualTo(8);
    }

    @Test
    void givenFirstAndRepeatOrders_whenReadingCommerce_thenBuyersRepeatBuyersAndValuesAreCountedOnTheirDays() {
        live(50, new HashMap<>());

        assertThat(commerceOn(14)).containsOnly(Map.entry("pos",
                new DailyMetrics(1, new BigDecimal("120.00"), 0, BigDecimal.ZERO, 1, 0)));
        assertThat(commerceOn(44)).containsOnly(Map.entry("web",
                new DailyMetrics(1, new BigDecimal("80"), 0, BigDecimal.ZERO, 1, 1)));
        assertThat(commerceOn(15)).isEmpty();
    }

    @Test
    void givenTheJourneyDays_whenReadingTheStageReport_thenItHoldsTheModelsFlowsAsListAndMatrixUntilRolledUp() {
        live(14, new HashMap<>());

        StageReport live = job.stages(BRAND, "deeplink", DAY0.plusDays(14));
        clock.set(DAY0.plusDays(15).atTime(0, 15).toInstant(ZoneOffset.UTC));
        job.runDaily(DAY0.plusDays(15));
        StageReport rolledUp = job.stages(BRAND, "deeplink", DAY0.plusDays(14));

        assertThat(live.rolledUp()).isFalse();
        assertThat(rolledUp.rolledUp()).isTrue();
        for (StageReport report : List.of(live, rolledUp)) {
            assertThat(report.stages()).containsExactly("KEEP", "NURTURE", "INHERIT", "LEAD", "PERFORM",
                    "ENTHUSE", "ENGAGE", "DISCOVER");
            assertThat(report.flows()).containsExactly(new StageReport.FlowCount("ENTHUSE", "LEAD", "pos", 1));
            assertThat(report.matrix()).containsExactly(Map.entry("ENTHUSE", Map.of("LEAD", 1L)));
            assertThat(report.distribution()).as("no census ran").isNull();
        }
        assertThat(job.stages(BRAND, "aipl", DAY0.plusDays(14)).flows())
                .containsExactly(new StageReport.FlowCount("I", "P", "pos", 1));
        assertThat(job.stages(BRAND, "aipl", DAY0.plusDays(0)).matrix())
                .containsExactly(Map.entry(BrandCensus.NO_STAGE, Map.of("A", 1L)));
    }

    @Test
    void givenAModelTheBrandLacks_whenReadingTheStageReport_thenUnknownModelNamesTheBrandsModels() {
        assertThatThrownBy(() -> job.stages(BRAND, "rfm", DAY0))
                .isInstanceOf(UnknownStageModelException.class)
                .hasMessage("unknown model 'rfm'; this brand has aipl, deeplink");
    }

    @Test
    void givenOrdersOnTwoChannelDays_whenReadingTheCommerceReport_thenEveryDayHasItsTotalAndChannels() {
        live(50, new HashMap<>());

        CommerceReport report = job.commerceReport(BRAND, DAY0.plusDays(14), DAY0.plusDays(44));

        assertThat(report.days()).hasSize(31);
        assertThat(report.days().get(0).total().orderValue()).isEqualByComparingTo("120.00");
        assertThat(report.days().get(0).channels()).containsOnlyKeys("pos");
        assertThat(report.days().get(1).total()).isEqualTo(DailyMetrics.empty());
        assertThat(report.days().get(30).total().repeatBuyers()).isEqualTo(1);
        assertThat(report.annualActive()).as("no census ran").isNull();
    }

    @Test
    void givenManyConsumersDueTheSameDay_whenReviewedOnEightThreads_thenEveryOneMovesAndIsRolledUpOnce() {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            LifecycleService threaded = new LifecycleService(profiles, lifecycleStore, FixedBrandSettings.defaults(),
                    new InMemoryCensusStore(), clock, threads, null);
            clock.set(DAY0.atTime(10, 0).toInstant(ZoneOffset.UTC));
            for (int i = 0; i < 300; i++) {
                processor.apply(List.of(new QueuedEnvelope("v" + i, new IngestEnvelope(BRAND, "web", List.of(
                        aTrackEvent().withAnonymousId("viewer-" + i).withEvent("Product Viewed")
                                .at(DAY0.atTime(10, 0).toInstant(ZoneOffset.UTC)).build())))));
            }

            long reviewed = 0;
            long changed = 0;
            for (int day = 1; day <= 31; day++) {
                clock.set(DAY0.plusDays(day).atTime(0, 15).toInstant(ZoneOffset.UTC));
                DailyRun run = threaded.runDaily(DAY0.plusDays(day));
                reviewed += run.reviewed();
                changed += run.changed();
            }

            assertThat(reviewed).isEqualTo(300);
            assertThat(changed).isEqualTo(300);
            assertThat(profiles.all()).hasSize(300).allSatisfy(p -> assertThat(stages(p)).containsExactly("-", "-"));
            assertThat(flows(30)).containsOnly(Map.entry(new Flow("aipl", "I", null, "expiry"), 300L),
                    Map.entry(new Flow("deeplink", "ENGAGE", null, "expiry"), 300L));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void givenTheDailyJobRunTwice_whenRollingUp_thenFiguresAreTheSame() {
        live(16, new HashMap<>());
        DayLog first = lifecycleStore.rollup(BRAND, DAY0.plusDays(14)).orElseThrow();

        clock.set(DAY0.plusDays(15).atTime(3, 0).toInstant(java.time.ZoneOffset.UTC));
        DailyRun again = job.runDaily(DAY0.plusDays(15));

        assertThat(again.changed()).isZero();
        assertThat(lifecycleStore.rollup(BRAND, DAY0.plusDays(14))).contains(first);
    }

    @Test
    void givenABrandWestOfUtc_whenTheJobRunsAt0015Utc_thenItRollsUpTheBrandsLastWholeDay() {
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        FixedBrandSettings westCoast = new FixedBrandSettings(IdentityPolicy.DEFAULT,
                new LifecycleSettings(EventMapping.defaults(), StageModels.defaults(), losAngeles));
        ProfileService westProcessor = new ProfileService(profiles, graph, westCoast, clock);
        LifecycleService westJob = new LifecycleService(profiles, lifecycleStore, westCoast, new InMemoryCensusStore(),
                clock);
        Instant lateEvening = DAY0.atTime(23, 30).atZone(losAngeles).toInstant();
        clock.set(lateEvening);
        westProcessor.apply(List.of(new QueuedEnvelope("w1", new IngestEnvelope(BRAND, "web", List.of(aTrackEvent()
                .withAnonymousId("west").withEvent("Order Completed").withProperty("revenue", 30).at(lateEvening)
                .build())))));

        clock.set(DAY0.plusDays(1).atTime(0, 15).toInstant(ZoneOffset.UTC));
        DailyRun early = westJob.runDaily(DAY0.plusDays(1));
        clock.set(DAY0.plusDays(2).atTime(0, 15).toInstant(ZoneOffset.UTC));
        DailyRun next = westJob.runDaily(DAY0.plusDays(2));

        assertThat(early.rolledUp()).as("at 00:15 UTC it is still the afternoon of DAY0 in Los Angeles")
                .isEqualTo(DAY0.minusDays(1));
        assertThat(next.rolledUp()).isEqualTo(DAY0);
        assertThat(lifecycleStore.rollup(BRAND, DAY0).orElseThrow().flows())
                .containsEntry(new Flow("aipl", null, "P", "web"), 1L);
        assertThat(westJob.commerce(BRAND, DAY0, DAY0).get(DAY0)).containsOnlyKeys("web");
    }

    /** Runs days 0..lastDay: the job at 00:15, the stored stages read at 00:20, the day's events at 10:00. */
    private long live(int lastDay, Map<Integer, String[]> stagesAfterJob) {
        Map<Integer, List<ConsumerEvent>> journey = Map.of(
                0, List.of(event("Ad Impression", 0, Map.of())),
                2, List.of(event("Product Viewed", 2, Map.of())),
                5, List.of(event("Product Added", 5, Map.of())),
                14, List.of(event("Order Completed", 14, Map.of("revenue", "120.00"))),
                44, List.of(event("Order Completed", 44, Map.of("revenue", 80))));
        Map<Integer, String> channels = Map.of(0, "ads", 2, "web", 5, "app", 14, "pos", 44, "web");
        long reviewed = 0;
        for (int day = 0; day <= lastDay; day++) {
            LocalDate date = DAY0.plusDays(day);
            clock.set(date.atTime(0, 15).toInstant(java.time.ZoneOffset.UTC));
            reviewed += job.runDaily(date).reviewed();
            clock.advance(Duration.ofMinutes(5));
            int current = day;
            profiles.all().stream().filter(p -> !p.merged()).findFirst()
                    .ifPresent(p -> stagesAfterJob.put(current, stages(p)));
            if (journey.containsKey(day)) {
                clock.set(date.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC));
                processor.apply(List.of(new QueuedEnvelope("d" + day,
                        new IngestEnvelope(BRAND, channels.get(day), journey.get(day)))));
            }
        }
        return reviewed;
    }

    private Map<String, DailyMetrics> commerceOn(int day) {
        return job.commerce(BRAND, DAY0.plusDays(day), DAY0.plusDays(day)).get(DAY0.plusDays(day));
    }

    private Map<Flow, Long> flows(int day) {
        return lifecycleStore.rollup(BRAND, DAY0.plusDays(day)).map(DayLog::flows).orElse(Map.of());
    }

    private static ConsumerEvent event(String name, int day, Map<String, Object> properties) {
        var builder = aTrackEvent().withAnonymousId("journey").withEvent(name)
                .at(DAY0.plusDays(day).atTime(10, 0).toInstant(java.time.ZoneOffset.UTC));
        properties.forEach(builder::withProperty);
        return builder.build();
    }

    private static String[] stages(ConsumerProfile profile) {
        StageAssignment aipl = profile.lifecycle().stages().get("aipl");
        StageAssignment deeplink = profile.lifecycle().stages().get("deeplink");
        return new String[]{code(aipl), code(deeplink)};
    }

    private static String code(StageAssignment assignment) {
        return assignment == null || assignment.stageCode() == null ? "-" : assignment.stageCode();
    }
}
