package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerIds;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.port.in.ApplyEventsUseCase.QueuedEnvelope;
import io.tally.testkit.FixedBrandSettings;
import io.tally.testkit.InMemoryIdentityGraph;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.tally.testkit.ConsumerEventBuilder.aTrackEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor keeping segment memberships current as it applies events: event counts from the times it keeps
 * for the names rules count, stages, merges and erasure. In-memory ports, a clock the test moves.
 */
class IncrementalSegmentsTest {

    private static final String BRAND = "demo";
    private static final Instant T0 = SegmentsFixture.START;

    private final SegmentsFixture fixture = new SegmentsFixture(1);
    private final InMemoryIdentityGraph graph = fixture.profiles.graph();
    private final BrandSegmentCache cache = new BrandSegmentCache(fixture.definitions, fixture.clock, Duration.ZERO);
    private final ProfileService processor = new ProfileService(fixture.profiles, graph, FixedBrandSettings.defaults(),
            fixture.clock, Runnable::run, new ProfileService.Segments(cache::countedEvents, fixture.incremental));
    private int deliveries;

    IncrementalSegmentsTest() {
        fixture.clock.set(T0.plus(Duration.ofHours(1)));
        fixture.segments.create(BRAND, Map.of("id", "browsers", "name", "Viewed twice this week",
                "rule", Map.of("event", Map.of("name", "Product Viewed", "withinDays", 7, "gte", 2))));
        fixture.segments.create(BRAND, Map.of("id", "buyers", "name", "AIPL purchase",
                "rule", Map.of("stage", Map.of("model", "aipl", "in", List.of("P", "L")))));
    }

    @Test
    void givenTwoViewsOfACountedEvent_whenProcessed_thenTheConsumerEntersAndOnlyCountedNamesAreKept() {
        apply(view("a1", T0), aTrackEvent().withAnonymousId("a1").withEvent("Checkout Started").at(T0).build());
        assertThat(members("browsers")).isEmpty();

        apply(view("a1", T0.plusSeconds(60)));

        ConsumerKey consumer = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a1");
        assertThat(members("browsers")).containsExactly(consumer.consumerId());
        assertThat(fixture.profiles.load(consumer).orElseThrow().eventTimes().asMillis())
                .containsOnlyKeys("Product Viewed");
    }

    @Test
    void givenAnOrder_whenProcessed_thenTheStageSegmentIsEnteredWithTheProcessingTime() {
        fixture.clock.set(T0.plus(Duration.ofHours(2)));

        apply(aTrackEvent().withAnonymousId("a2").withEvent("Order Completed").withProperty("revenue", 10).at(T0)
                .build());

        ConsumerKey consumer = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a2");
        assertThat(fixture.memberships.load(consumer)).containsOnlyKeys("buyers");
        assertThat(fixture.memberships.load(consumer).get("buyers").enteredAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void givenAConsentSegmentMember_whenTheConsumerOptsOutThroughTheApi_thenItLeavesAtOnceAndOnlyAChannelGrantBringsItBack() {
        fixture.segments.create(BRAND, Map.of("id", "sms-ok", "name", "SMS marketing allowed",
                "rule", Map.of("consent", Map.of("purpose", "marketing", "channel", "sms"))));
        apply(aTrackEvent().withAnonymousId("a7").withEvent("Signed Up").withConsent("marketing", true).at(T0)
                .build());
        ConsumerKey consumer = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a7");
        assertThat(members("sms-ok")).containsExactly(consumer.consumerId());

        processor.recordConsent(consumer, "marketing", "sms", false, T0.plusSeconds(10));
        assertThat(members("sms-ok")).isEmpty();

        apply(aTrackEvent().withAnonymousId("a7").withEvent("Page Viewed").withConsent("marketing", true)
                .at(T0.plusSeconds(15)).build());
        assertThat(members("sms-ok")).as("a page restating its banner's grant for every channel").isEmpty();
        processor.recordConsent(consumer, "marketing", "sms", true, T0.plusSeconds(20));
        assertThat(members("sms-ok")).as("granted on sms itself").containsExactly(consumer.consumerId());
        processor.recordConsent(consumer, "marketing", "*", false, T0.plusSeconds(30));
        assertThat(members("sms-ok")).as("opted out of marketing everywhere").isEmpty();
    }

    @Test
    void givenAStageSegmentMember_whenTheLifecycleJobLetsTheStageExpire_thenItLeavesAtTheJobNotAtTheRecompute() {
        fixture.segments.create(BRAND, Map.of("id", "interested", "name", "AIPL interest",
                "rule", Map.of("stage", Map.of("model", "aipl", "in", List.of("I")))));
        apply(view("a8", T0));
        ConsumerKey consumer = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a8");
        assertThat(fixture.memberships.load(consumer)).containsOnlyKeys("interested");
        LifecycleService job = new LifecycleService(fixture.profiles,
                new io.tally.testkit.InMemoryLifecycleStore(fixture.profiles), FixedBrandSettings.defaults(),
                fixture.census, fixture.clock, Runnable::run, fixture.incremental);

        java.time.LocalDate expiryDay = java.time.LocalDate.ofInstant(T0, java.time.ZoneOffset.UTC).plusDays(31);
        fixture.clock.set(expiryDay.atTime(0, 15).toInstant(java.time.ZoneOffset.UTC));
        var run = job.runDaily(expiryDay);

        assertThat(run.changed()).isEqualTo(1);
        assertThat(run.membershipsLeft()).isZero();
        assertThat(fixture.memberships.load(consumer)).isEmpty();
        assertThat(fixture.memberships.size(BRAND, "interested", 1)).isZero();
    }

    @Test
    void givenARedeliveredBatch_whenProcessedAgain_thenMembershipsAreNotCountedTwice() {
        ConsumerEvent first = view("a3", T0);
        ConsumerEvent second = view("a3", T0.plusSeconds(30));
        apply(first, second);

        apply(first, second);

        assertThat(fixture.memberships.size(BRAND, "browsers", 1)).isEqualTo(1);
    }

    @Test
    void givenMembershipUpdateFailedAfterTheProfileWrite_whenRedeliveredWithANewEvent_thenTheMembershipIsRecorded() {
        FailingOnce failing = new FailingOnce(fixture.incremental);
        ProfileService flaky = new ProfileService(fixture.profiles, graph, FixedBrandSettings.defaults(), fixture.clock,
                Runnable::run, new ProfileService.Segments(cache::countedEvents, failing));
        ConsumerEvent order = aTrackEvent().withAnonymousId("a6").withEvent("Order Completed").at(T0).build();
        var first = flaky.apply(List.of(new QueuedEnvelope("r1", new IngestEnvelope(BRAND, "web", List.of(order)))));
        assertThat(first.failures()).containsKey("r1");
        ConsumerKey consumer = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a6");
        assertThat(fixture.profiles.load(consumer)).isPresent();
        assertThat(fixture.memberships.load(consumer)).isEmpty();

        var redelivery = flaky.apply(List.of(new QueuedEnvelope("r1", new IngestEnvelope(BRAND, "web", List.of(order,
                aTrackEvent().withAnonymousId("a6").withEvent("Signed Up").withTrait("plan", "x")
                        .at(T0.plusSeconds(5)).build())))));

        assertThat(redelivery.failures()).isEmpty();
        assertThat(fixture.memberships.load(consumer)).containsOnlyKeys("buyers");
    }

    @Test
    void givenAnOrderOrAStageChange_whenComparingProfiles_thenClvAndPAliveCountAsChangedToo() {
        var before = io.tally.core.domain.consumer.ConsumerProfile.newProfile(new ConsumerKey(BRAND, "c_x"));
        var after = before.apply(List.of(new io.tally.core.domain.consumer.ChannelEvent("web", aTrackEvent()
                .withAnonymousId("x").withEvent("Order Completed").at(T0).build()))).profile();

        assertThat(ProfileService.changed(before, after)).contains(io.tally.core.domain.segment.Dependency.ORDERS,
                io.tally.core.domain.segment.Dependency.STAGE, io.tally.core.domain.segment.Dependency.CLV,
                io.tally.core.domain.segment.Dependency.P_ALIVE);
        assertThat(ProfileService.changed(after, after)).isEmpty();
    }

    /** A membership updater whose first update fails, as a crash between profile and membership writes would. */
    private static final class FailingOnce implements io.tally.core.port.in.UpdateMembershipUseCase {
        private final io.tally.core.port.in.UpdateMembershipUseCase delegate;
        private boolean failed;

        FailingOnce(io.tally.core.port.in.UpdateMembershipUseCase delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<io.tally.core.domain.segment.MembershipChange> update(ConsumerProfile profile, Instant now) {
            failIfFirst();
            return delegate.update(profile, now);
        }

        @Override
        public List<io.tally.core.domain.segment.MembershipChange> update(ConsumerProfile profile, Instant now,
                java.util.Set<io.tally.core.domain.segment.Dependency> changed) {
            failIfFirst();
            return delegate.update(profile, now, changed);
        }

        @Override
        public List<io.tally.core.domain.segment.MembershipChange> removeAll(ConsumerKey consumer) {
            return delegate.removeAll(consumer);
        }

        private void failIfFirst() {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("crashed before the memberships were written");
            }
        }
    }

    @Test
    void givenTwoMembersMerged_whenTheMergedAwayOneRedirects_thenOnlyTheSurvivorIsAMember() {
        apply(view("a4", T0), view("a4", T0.plusSeconds(1)));
        apply(aTrackEvent().withUserId("u4").withAnonymousId(null).withEvent("Order Completed").at(T0.plusSeconds(5))
                .build());
        assertThat(fixture.memberships.size(BRAND, "buyers", 1)).isEqualTo(1);

        apply(aTrackEvent().withUserId("u4").withAnonymousId("a4").withEvent("Signed In").at(T0.plusSeconds(9))
                .build());

        ConsumerKey survivor = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a4");
        assertThat(members("browsers")).containsExactly(survivor.consumerId());
        assertThat(members("buyers")).containsExactly(survivor.consumerId());
        assertThat(fixture.memberships.size(BRAND, "buyers", 1)).isEqualTo(1);
    }

    @Test
    void givenACrashAfterAMerge_whenTheMergeIsRedelivered_thenTheMergedAwayConsumerLeavesItsSegments() {
        apply(view("a7", T0), view("a7", T0.plusSeconds(1)));
        ConsumerKey anonymous = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a7");
        apply(aTrackEvent().withUserId("u7").withAnonymousId(null).withEvent("Order Completed").at(T0.minusSeconds(9))
                .build());
        ConsumerKey user = ConsumerIds.forIdentifier(BRAND, IdentifierType.USER_ID, "u7");
        assertThat(fixture.memberships.load(user)).containsOnlyKeys("buyers");
        ProfileService crashing = new ProfileService(fixture.profiles, graph, FixedBrandSettings.defaults(),
                fixture.clock, Runnable::run, new ProfileService.Segments(cache::countedEvents,
                new RemoveAllFails(fixture.incremental)));
        ConsumerEvent link = aTrackEvent().withUserId("u7").withAnonymousId("a7").withEvent("Signed In")
                .at(T0.plusSeconds(20)).build();
        var crashed = crashing.apply(List.of(new QueuedEnvelope("m1", new IngestEnvelope(BRAND, "web", List.of(link)))));
        assertThat(crashed.failures()).containsKey("m1");

        apply(link);

        assertThat(fixture.memberships.load(anonymous)).isEmpty();
        assertThat(fixture.memberships.load(user)).containsOnlyKeys("buyers", "browsers");
        assertThat(fixture.memberships.size(BRAND, "buyers", 1)).isEqualTo(1);
        assertThat(fixture.memberships.size(BRAND, "browsers", 1)).isEqualTo(1);
    }

    /** Fails the first {@code removeAll}, as a crash right after a merge's profile transaction would. */
    private static final class RemoveAllFails implements io.tally.core.port.in.UpdateMembershipUseCase {
        private final io.tally.core.port.in.UpdateMembershipUseCase delegate;
        private boolean failed;

        RemoveAllFails(io.tally.core.port.in.UpdateMembershipUseCase delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<io.tally.core.domain.segment.MembershipChange> update(ConsumerProfile profile, Instant now) {
            return delegate.update(profile, now);
        }

        @Override
        public List<io.tally.core.domain.segment.MembershipChange> update(ConsumerProfile profile, Instant now,
                java.util.Set<io.tally.core.domain.segment.Dependency> changed) {
            return delegate.update(profile, now, changed);
        }

        @Override
        public List<io.tally.core.domain.segment.MembershipChange> removeAll(ConsumerKey consumer) {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("crashed right after the merge was written");
            }
            return delegate.removeAll(consumer);
        }
    }

    @Test
    void givenAMember_whenErased_thenItLeavesEverySegment() {
        apply(view("a5", T0), view("a5", T0.plusSeconds(1)));
        ConsumerKey consumer = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a5");

        processor.erase(consumer);

        assertThat(fixture.memberships.load(consumer)).isEmpty();
        assertThat(fixture.memberships.size(BRAND, "browsers", 1)).isZero();
    }

    private List<String> members(String segmentId) {
        return fixture.segments.members(BRAND, segmentId, 100, null).members().stream()
                .map(member -> member.consumerId()).toList();
    }

    private static ConsumerEvent view(String anonymousId, Instant at) {
        return aTrackEvent().withAnonymousId(anonymousId).withEvent("Product Viewed").at(at).build();
    }

    private void apply(ConsumerEvent... events) {
        var result = processor.apply(List.of(new QueuedEnvelope("d" + ++deliveries,
                new IngestEnvelope(BRAND, "web", List.of(events)))));
        assertThat(result.failures()).isEmpty();
    }
}
