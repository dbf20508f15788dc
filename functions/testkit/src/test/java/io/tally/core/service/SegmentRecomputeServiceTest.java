package io.tally.core.service;

import io.tally.core.domain.consumer.ChannelEvent;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.Membership;
import io.tally.core.domain.segment.ProfileSubjects;
import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.domain.segment.RecomputeTask;
import io.tally.core.domain.segment.SegmentRunCounts;
import io.tally.core.port.out.SegmentScanPort;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tally.testkit.ConsumerEventBuilder.anIdentifyEvent;
import static io.tally.testkit.ProfileBuilder.aProfile;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentRecomputeServiceTest {

    private final SegmentsFixture fixture = new SegmentsFixture(3);

    private void base() {
        fixture.store(aProfile("demo", "c_1").withTrait("tier", "gold").seenIn("pos").build(),
                aProfile("demo", "c_2").withTrait("tier", "silver").seenIn("pos").build(),
                aProfile("demo", "c_3").withTrait("tier", "gold").seenIn("web").build(),
                aProfile("other", "c_9").withTrait("tier", "gold").build());
        fixture.segments.create("demo", Map.of("id", "gold", "name", "Gold",
                "rule", Map.of("trait", "tier", "eq", "gold")));
        fixture.segments.create("demo", Map.of("id", "pos", "name", "POS", "rule", Map.of("channel", "pos")));
        fixture.queue.drainRecompute();
    }

    @Test
    void givenDefinitions_whenEveryTaskRuns_thenMembershipsAreWrittenAndTheLastTaskGathersTheBrandsResult() {
        base();
        fixture.recompute.plan(null);

        List<RecomputeResult> results = fixture.runQueuedTasks();

        assertThat(fixture.memberships.load(new ConsumerKey("demo", "c_1"))).containsOnlyKeys("gold", "pos");
        assertThat(fixture.memberships.load(new ConsumerKey("demo", "c_2"))).containsOnlyKeys("pos");
        assertThat(fixture.memberships.load(new ConsumerKey("other", "c_9"))).isEmpty();
        assertThat(results).extracting(RecomputeResult::brandId).containsExactly("demo");
        assertThat(results.get(0).segments()).containsEntry("gold", new SegmentRunCounts(1, 2, 2, 0))
                .containsEntry("pos", new SegmentRunCounts(1, 2, 2, 0));
        assertThat(fixture.segments.get("demo", "gold").size()).isEqualTo(2);
        assertThat(fixture.segments.get("demo", "gold").lastRun()).isEqualTo(results.get(0));
    }

    @Test
    void givenAScanThatReadAnOlderProfile_whenTheWorkerWrites_thenTheStoredProfileDecides() {
        base();
        ConsumerKey c2 = new ConsumerKey("demo", "c_2");
        ConsumerProfile scannedSilver = fixture.profiles.load(c2).orElseThrow();
        fixture.profiles.save(scannedSilver.apply(List.of(new ChannelEvent("pos", anIdentifyEvent().withUserId("c_2")
                .withTrait("tier", "gold").withMessageId("upgrade").at(SegmentsFixture.START.plusSeconds(60)).build())))
                .profile());
        SegmentScanPort lagging = new SegmentScanPort() {
            @Override
            public void scan(int segment, int totalSegments, String brandId, ScanSink sink) {
                fixture.scanner.scan(segment, totalSegments, brandId, new ScanSink() {
                    @Override
                    public void profile(ConsumerProfile profile) {
                        sink.profile(profile.key().equals(c2) ? scannedSilver : profile);
                    }

                    @Override
                    public void membership(ConsumerKey consumer, Membership membership) {
                        sink.membership(consumer, membership);
                    }
                });
            }

            @Override
            public SampleRead sample(String brandId, int segment, int totalSegments, int maxProfiles, int maxPages) {
                return fixture.scanner.sample(brandId, segment, totalSegments, maxProfiles, maxPages);
            }
        };
        SegmentRecomputeService worker = new SegmentRecomputeService(fixture.queue, lagging, fixture.definitions,
                fixture.runs, fixture.incremental, ProfileSubjects.PROFILE_ONLY, fixture.clock, 1);

        worker.plan("demo");
        fixture.queue.drainRecompute().forEach(worker::work);

        assertThat(fixture.memberships.load(c2)).as("the stored profile is gold").containsOnlyKeys("gold", "pos");
        assertThat(fixture.segments.get("demo", "gold").size()).isEqualTo(3);
    }

    @Test
    void givenAnOrderAfterTheRunWasPlanned_whenTheWorkerEvaluates_thenTheOrderCountsInsteadOfFallingOutsideTheWindow() {
        fixture.segments.create("demo", Map.of("id", "recent", "name", "Ordered today",
                "rule", Map.of("orders", Map.of("withinDays", 1, "gte", 1))));
        fixture.queue.drainRecompute();
        fixture.recompute.plan("demo");
        fixture.store(aProfile("demo", "c_late").at(SegmentsFixture.START.plus(Duration.ofHours(1)))
                .ordered(new java.math.BigDecimal("20")).build());

        fixture.runQueuedTasks();

        assertThat(fixture.memberships.load(new ConsumerKey("demo", "c_late"))).containsOnlyKeys("recent");
    }

    @Test
    void givenARunThatAlreadyHappened_whenItsTasksRunAgain_thenNothingIsWrittenAndTheResultIsTheSame() {
        base();
        fixture.recompute.plan(null);
        List<RecomputeTask> tasks = fixture.queue.drainRecompute();
        tasks.forEach(fixture.recompute::work);
        int writes = fixture.memberships.writes();

        List<RecomputeResult> again = tasks.stream().flatMap(t -> fixture.recompute.work(t).stream()).toList();

        assertThat(fixture.memberships.writes()).isEqualTo(writes);
        assertThat(again).isNotEmpty().allSatisfy(r -> assertThat(r.segments().get("gold").members()).isEqualTo(2));
        assertThat(fixture.segments.get("demo", "gold").size()).isEqualTo(2);
    }

    @Test
    void givenAChangedDefinition_whenRecomputed_thenOldVersionMembersAreReplacedOrRemovedAndCountsFollow() {
        base();
        fixture.recompute.plan(null);
        fixture.runQueuedTasks();
        fixture.clock.advance(Duration.ofHours(1));

        fixture.segments.update("demo", "gold", Map.of("name", "Gold in POS", "rule", Map.of("all", List.of(
                Map.of("trait", "tier", "eq", "gold"), Map.of("channel", "pos")))));
        List<RecomputeResult> results = fixture.runQueuedTasks();

        assertThat(fixture.memberships.load(new ConsumerKey("demo", "c_1")).get("gold").version()).isEqualTo(2);
        assertThat(fixture.memberships.load(new ConsumerKey("demo", "c_3"))).doesNotContainKey("gold");
        assertThat(fixture.memberships.size("demo", "gold", 1)).isZero();
        assertThat(fixture.memberships.size("demo", "gold", 2)).isEqualTo(1);
        assertThat(results.get(0).segments().get("gold")).isEqualTo(new SegmentRunCounts(2, 1, 1, 1));
    }

    @Test
    void givenADeletedSegmentAndAnErasedConsumer_whenRecomputed_thenTheirMembershipsAreRemoved() {
        base();
        fixture.recompute.plan(null);
        fixture.runQueuedTasks();

        fixture.segments.delete("demo", "pos");
        fixture.profiles.delete(new ConsumerKey("demo", "c_3"));
        fixture.runQueuedTasks();

        assertThat(fixture.memberships.load(new ConsumerKey("demo", "c_1"))).containsOnlyKeys("gold");
        assertThat(fixture.memberships.load(new ConsumerKey("demo", "c_2"))).isEmpty();
        assertThat(fixture.memberships.load(new ConsumerKey("demo", "c_3"))).isEmpty();
        assertThat(fixture.memberships.size("demo", "pos", 1)).isZero();
        assertThat(fixture.memberships.size("demo", "gold", 1)).isEqualTo(1);
    }

    @Test
    void givenABrandScopedRun_whenWorked_thenOtherBrandsAreLeftAlone() {
        base();
        fixture.segments.create("other", Map.of("id", "gold", "name", "Gold",
                "rule", Map.of("trait", "tier", "eq", "gold")));
        fixture.queue.drainRecompute();

        fixture.recompute.plan("demo");
        List<RecomputeResult> results = fixture.runQueuedTasks();

        assertThat(results).extracting(RecomputeResult::brandId).containsExactly("demo");
        assertThat(fixture.memberships.load(new ConsumerKey("other", "c_9"))).isEmpty();
    }
}
