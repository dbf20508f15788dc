package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerIds;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.consumer.TimedValue;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.domain.identity.IdentityPolicy;
import io.tally.core.domain.identity.PiiHasher;
import io.tally.core.port.in.ApplyEventsUseCase.ApplyResult;
import io.tally.core.port.in.ApplyEventsUseCase.QueuedEnvelope;
import io.tally.core.port.in.ConsumerPrivacyUseCase.ConsumerNotFoundException;
import io.tally.core.port.in.ConsumerPrivacyUseCase.ErasureReport;
import io.tally.core.port.out.IdentityGraphPort.Link;
import io.tally.core.port.out.StaleProfileException;
import io.tally.testkit.FixedBrandSettings;
import io.tally.testkit.InMemoryIdentityGraph;
import io.tally.testkit.InMemoryProfileStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.tally.testkit.ConsumerEventBuilder.aTrackEvent;
import static io.tally.testkit.ConsumerEventBuilder.anIdentifyEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ProfileService} resolving identities over the in-memory identity graph and profile store, with a clock
 * the tests move. Needs nothing outside the JVM.
 */
class IdentityResolutionTest {

    private static final String BRAND = "acme";
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final PiiHasher HASHER = new PiiHasher("0123456789abcdef-test-secret".getBytes(
            StandardCharsets.UTF_8));
    private static final String ANN_EMAIL = HASHER.email(BRAND, "ann@example.com").orElseThrow();
    private static final IdentityPolicy DEVICES_MERGE = new IdentityPolicy(EnumSet.allOf(IdentifierType.class), 25,
            null, Duration.ofDays(30));

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryIdentityGraph graph = new InMemoryIdentityGraph();
    private final InMemoryProfileStore store = new InMemoryProfileStore(graph);
    private ProfileService service = serviceWith(IdentityPolicy.DEFAULT);
    private int deliveries;

    @Test
    void givenAnonymousThenIdentifiedEventsInSeparateCalls_whenIdentifying_thenTheyBecomeOneConsumer() {
        apply("web", anonymous("a1").withMessageId("m1").at(T0).build());
        apply("app", known("u1").withMessageId("m2").at(T0.plusSeconds(100)).build());
        apply("app", known("u1").withMessageId("m3").at(T0.plusSeconds(200)).build());
        assertThat(store.liveProfiles(BRAND)).isEqualTo(2);

        ApplyResult identify = apply("web", anIdentifyEvent().withUserId("u1").withAnonymousId("a1")
                .withMessageId("m4").at(T0.plusSeconds(50)).build());

        assertThat(identify.failures()).isEmpty();
        assertThat(identify.applied()).isEqualTo(1);
        assertThat(identify.merges()).isEqualTo(1);
        assertThat(identify.writes()).isEqualTo(1);
        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        ConsumerProfile survivor = consumerOf(IdentifierType.USER_ID, "u1");
        assertThat(survivor.key()).isEqualTo(idOf(IdentifierType.ANONYMOUS_ID, "a1"));
        assertThat(consumerOf(IdentifierType.ANONYMOUS_ID, "a1")).isEqualTo(survivor);
        assertThat(survivor.eventCount()).isEqualTo(4);
        assertThat(survivor.firstSeen()).isEqualTo(T0);
        assertThat(survivor.lastSeen()).isEqualTo(T0.plusSeconds(200));
        assertThat(survivor.channels()).containsExactly("app", "web");
        assertThat(survivor.identifiers()).containsExactly("anonymousId:a1", "userId:u1");
        assertThat(survivor.mergedFrom()).containsExactly(idOf(IdentifierType.USER_ID, "u1").consumerId());
    }

    @Test
    void givenMerge_whenReadingTheMergedAwayConsumer_thenItIsARedirectAndGetReturnsTheSurvivor() {
        apply("web", anonymous("a1").at(T0).build());
        apply("web", known("u1").at(T0.plusSeconds(60)).build());
        apply("web", known("u1").withAnonymousId("a1").at(T0.plusSeconds(120)).build());
        ConsumerKey survivorKey = idOf(IdentifierType.ANONYMOUS_ID, "a1");
        ConsumerKey mergedKey = idOf(IdentifierType.USER_ID, "u1");

        assertThat(store.load(mergedKey)).hasValueSatisfying(redirect -> {
            assertThat(redirect.merged()).isTrue();
            assertThat(redirect.mergedInto()).isEqualTo(survivorKey.consumerId());
            assertThat(redirect.eventCount()).isZero();
            assertThat(redirect.identifiers()).isEmpty();
            assertThat(redirect.traits()).isEmpty();
        });
        assertThat(service.get(mergedKey)).hasValueSatisfying(profile -> {
            assertThat(profile.key()).isEqualTo(survivorKey);
            assertThat(profile.eventCount()).isEqualTo(3);
        });
        assertThat(service.get(mergedKey)).isEqualTo(service.get(survivorKey));
    }

    @Test
    void givenYoungerConsumerStoredFirst_whenMerging_thenTheOneFirstSeenEarliestSurvives() {
        apply("web", known("u1").at(T0.plusSeconds(3600)).build());
        apply("web", anonymous("a1").at(T0).build());

        ApplyResult result = apply("web", known("u1").withAnonymousId("a1").at(T0.plusSeconds(7200)).build());

        assertThat(result.merges()).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.USER_ID, "u1").key()).isEqualTo(idOf(IdentifierType.ANONYMOUS_ID, "a1"));
        assertThat(store.load(idOf(IdentifierType.USER_ID, "u1"))).get().extracting(ConsumerProfile::mergedInto)
                .isEqualTo(idOf(IdentifierType.ANONYMOUS_ID, "a1").consumerId());
    }

    @Test
    void givenMerge_whenLookingUpTheMergedAwayConsumersIdentifiers_thenTheirLinksPointToTheSurvivor() {
        apply("web", anonymous("a1").at(T0).build());
        apply("web", known("u1").withAnonymousId("a2").at(T0.plusSeconds(10)).build());
        apply("pos", anIdentifyEvent().withUserId("u1").withAnonymousId(null).withTrait("memberId", "42")
                .withEmail(ANN_EMAIL).at(T0.plusSeconds(20)).build());
        List<Identifier> loserIds = List.of(id(IdentifierType.USER_ID, "u1"), id(IdentifierType.ANONYMOUS_ID, "a2"),
                id(IdentifierType.MEMBER, "pos:42"), id(IdentifierType.EMAIL, ANN_EMAIL));

        apply("web", aTrackEvent().withAnonymousId("a1").withEmail(ANN_EMAIL).at(T0.plusSeconds(30)).build());

        String survivor = idOf(IdentifierType.ANONYMOUS_ID, "a1").consumerId();
        assertThat(graph.find(BRAND, loserIds)).hasSize(4).allSatisfy((identifier, link) ->
                assertThat(link).isEqualTo(new Link(survivor, null)));
        assertThat(loserIds).allSatisfy(identifier -> assertThat(service.findByIdentifier(BRAND, identifier))
                .get().extracting(p -> p.key().consumerId()).isEqualTo(survivor));
        assertThat(consumerOf(IdentifierType.ANONYMOUS_ID, "a1").identifiers()).containsExactlyInAnyOrder(
                "anonymousId:a1", "anonymousId:a2", "userId:u1", "member:pos:42", "email:" + ANN_EMAIL);
        assertThat(consumerOf(IdentifierType.ANONYMOUS_ID, "a1").eventCount()).isEqualTo(4);
    }

    @Test
    void givenTraitsSetOnBothConsumers_whenMerging_thenTheLatestByEventTimeWins() {
        apply("web", known("u1").at(T0).build());
        apply("web", anIdentifyEvent().withUserId("u1").withAnonymousId(null).at(T0.plusSeconds(20))
                .withTraits(Map.of("tier", "silver", "city", "Paris")).build());
        apply("app", anIdentifyEvent().withAnonymousId("a1").at(T0.plusSeconds(10))
                .withTrait("city", "Rome").build());
        apply("app", anIdentifyEvent().withAnonymousId("a1").at(T0.plusSeconds(30))
                .withTrait("tier", "gold").build());

        apply("web", known("u1").withAnonymousId("a1").at(T0.plusSeconds(40)).build());
        apply("web", anIdentifyEvent().withUserId("u1").withAnonymousId(null).at(T0.plusSeconds(5))
                .withTrait("tier", "bronze").build());

        ConsumerProfile profile = consumerOf(IdentifierType.ANONYMOUS_ID, "a1");
        assertThat(profile.key()).isEqualTo(idOf(IdentifierType.USER_ID, "u1"));
        assertThat(profile.traits()).containsEntry("tier", new TimedValue("gold", T0.plusSeconds(30)))
                .containsEntry("city", new TimedValue("Paris", T0.plusSeconds(20)));
    }

    @Test
    void givenTwoUsersSharingADevice_whenTheDefaultPolicyApplies_thenTheyStaySeparate() {
        apply("app", known("u1").withDeviceId("d1").at(T0).build());
        apply("app", known("u2").at(T0.plusSeconds(10)).build());

        ApplyResult result = apply("app", known("u2").withDeviceId("d1").at(T0.plusSeconds(20)).build());

        assertThat(result.merges()).isZero();
        assertThat(store.liveProfiles(BRAND)).isEqualTo(2);
        assertThat(consumerOf(IdentifierType.USER_ID, "u1").eventCount()).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.USER_ID, "u2").eventCount()).isEqualTo(2);
        assertThat(consumerOf(IdentifierType.USER_ID, "u2").identifiers()).containsExactly("userId:u2");
        assertThat(consumerOf(IdentifierType.DEVICE, "d1").key()).isEqualTo(idOf(IdentifierType.USER_ID, "u1"));
    }

    @Test
    void givenTwoUsersSharingADeviceInOneCall_whenTheDefaultPolicyApplies_thenTheyStaySeparate() {
        ApplyResult result = apply("app", known("u1").withDeviceId("d1").at(T0).build(),
                known("u2").withDeviceId("d1").at(T0.plusSeconds(10)).build());

        assertThat(result.merges()).isZero();
        assertThat(store.liveProfiles(BRAND)).isEqualTo(2);
        assertThat(consumerOf(IdentifierType.USER_ID, "u1").eventCount()).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.USER_ID, "u2").eventCount()).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.USER_ID, "u1")).isNotEqualTo(consumerOf(IdentifierType.USER_ID, "u2"));
    }

    @Test
    void givenDeviceOwnedByAUser_whenNewPeopleArriveOnIt_thenEachIsANewConsumer() {
        apply("app", known("u1").withDeviceId("d1").at(T0).build());

        apply("app", known("u2").withDeviceId("d1").at(T0.plusSeconds(10)).build());
        apply("app", anonymous("a5").withDeviceId("d1").at(T0.plusSeconds(20)).build());

        assertThat(store.liveProfiles(BRAND)).isEqualTo(3);
        assertThat(consumerOf(IdentifierType.USER_ID, "u2").key()).isEqualTo(idOf(IdentifierType.USER_ID, "u2"));
        assertThat(consumerOf(IdentifierType.USER_ID, "u2").eventCount()).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.ANONYMOUS_ID, "a5").eventCount()).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.USER_ID, "u1").eventCount()).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.DEVICE, "d1").key()).isEqualTo(idOf(IdentifierType.USER_ID, "u1"));
    }

    @Test
    void givenPolicyWhereOnlyUserIdsMerge_whenAnonymousEventsShareALinkedDevice_thenTheyJoinTheDevicesConsumer() {
        service = serviceWith(new IdentityPolicy(EnumSet.of(IdentifierType.USER_ID), 25, null, Duration.ofDays(30)));
        apply("app", known("u1").withDeviceId("d1").at(T0).build());

        apply("app", anonymous("a5").withDeviceId("d1").at(T0.plusSeconds(20)).build());

        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.USER_ID, "u1").eventCount()).isEqualTo(2);
    }

    @Test
    void givenTwoUsersSharingADevice_whenThePolicyMergesOnDevices_thenTheyBecomeOne() {
        service = serviceWith(DEVICES_MERGE);
        apply("app", known("u1").withDeviceId("d1").at(T0).build());
        apply("app", known("u2").at(T0.plusSeconds(10)).build());

        ApplyResult result = apply("app", known("u2").withDeviceId("d1").at(T0.plusSeconds(20)).build());

        assertThat(result.merges()).isEqualTo(1);
        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        ConsumerProfile merged = consumerOf(IdentifierType.USER_ID, "u2");
        assertThat(merged.key()).isEqualTo(idOf(IdentifierType.USER_ID, "u1"));
        assertThat(merged.eventCount()).isEqualTo(3);
        assertThat(merged.identifiers()).containsExactlyInAnyOrder("userId:u1", "userId:u2", "device:d1");
    }

    @Test
    void givenIdentifierCapReached_whenMoreIdentifiersArrive_thenTheyAreNotLinkedButEventsAreApplied() {
        service = serviceWith(new IdentityPolicy(IdentityPolicy.DEFAULT.mergeOn(), 2, null, Duration.ofDays(30)));
        apply("web", known("u1").withAnonymousId("a1").at(T0).build());

        ApplyResult result = apply("web", known("u1").withAnonymousId("a2").withEmail(ANN_EMAIL)
                .at(T0.plusSeconds(10)).build());

        assertThat(result.applied()).isEqualTo(1);
        assertThat(result.failures()).isEmpty();
        ConsumerProfile profile = consumerOf(IdentifierType.USER_ID, "u1");
        assertThat(profile.eventCount()).isEqualTo(2);
        assertThat(profile.identifiers()).containsExactly("anonymousId:a1", "userId:u1");
        assertThat(graph.size()).isEqualTo(2);
        assertThat(service.findByIdentifier(BRAND, id(IdentifierType.ANONYMOUS_ID, "a2"))).isEmpty();
        assertThat(service.findByIdentifier(BRAND, id(IdentifierType.EMAIL, ANN_EMAIL))).isEmpty();
    }

    @Test
    void givenIdentifierCap_whenOneEventCarriesMoreIdentifiers_thenTheStrongestAreLinked() {
        service = serviceWith(new IdentityPolicy(IdentityPolicy.DEFAULT.mergeOn(), 2, null, Duration.ofDays(30)));

        apply("pos", known("u1").withAnonymousId("a1").withTrait("memberId", "42").withEmail(ANN_EMAIL).build());

        assertThat(consumerOf(IdentifierType.USER_ID, "u1").identifiers())
                .containsExactly("member:pos:42", "userId:u1");
    }

    @Test
    void givenMergedConsumer_whenErased_thenProfileAndRedirectsAreDeletedAndIdentifiersBlocked() {
        apply("web", known("u1").withAnonymousId("a1").at(T0).build());
        apply("web", anonymous("a2").at(T0.plusSeconds(10)).build());
        apply("web", known("u1").withAnonymousId("a2").at(T0.plusSeconds(20)).build());
        ConsumerKey survivor = idOf(IdentifierType.USER_ID, "u1");
        ConsumerKey mergedAway = idOf(IdentifierType.ANONYMOUS_ID, "a2");
        assertThat(store.size()).isEqualTo(2);

        ErasureReport report = service.erase(survivor);

        assertThat(report.consumerId()).isEqualTo(survivor.consumerId());
        assertThat(report.profilesDeleted()).isEqualTo(2);
        assertThat(report.identifiersBlocked())
                .containsExactlyInAnyOrder("userId:u1", "anonymousId:a1", "anonymousId:a2");
        assertThat(report.erasedAt()).isEqualTo(NOW);
        assertThat(report.blockedUntil()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(store.size()).isZero();
        assertThat(service.get(survivor)).isEmpty();
        assertThat(service.get(mergedAway)).isEmpty();
        assertThat(service.findByIdentifier(BRAND, id(IdentifierType.USER_ID, "u1"))).isEmpty();
        assertThat(graph.find(BRAND, List.of(id(IdentifierType.ANONYMOUS_ID, "a2")))).containsValue(
                new Link(null, NOW.plus(Duration.ofDays(30))));
    }

    @Test
    void givenErasedConsumer_whenItsIdentifiersArriveDuringTheBlock_thenEventsAreCountedAsBlockedAndCreateNothing() {
        apply("web", known("u1").withAnonymousId("a1").at(T0).build());
        service.erase(idOf(IdentifierType.USER_ID, "u1"));
        clock.advance(Duration.ofDays(29));

        ApplyResult inFlight = applyAll(
                delivery("web", anonymous("a1").build()),
                delivery("app", known("u1").withAnonymousId("a-new").build(), anonymous("a9").build()));

        assertThat(inFlight.failures()).isEmpty();
        assertThat(inFlight.blocked()).isEqualTo(2);
        assertThat(inFlight.applied()).isEqualTo(1);
        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.ANONYMOUS_ID, "a9").eventCount()).isEqualTo(1);
        assertThat(service.findByIdentifier(BRAND, id(IdentifierType.ANONYMOUS_ID, "a-new"))).isEmpty();
        assertThat(graph.find(BRAND, List.of(id(IdentifierType.ANONYMOUS_ID, "a-new")))).isEmpty();
        assertThat(service.get(idOf(IdentifierType.USER_ID, "u1"))).isEmpty();
    }

    @Test
    void givenErasedConsumer_whenTheBlockHasEnded_thenTheIdentifierCreatesANewConsumer() {
        apply("web", known("u1").at(T0).build());
        apply("web", known("u1").at(T0.plusSeconds(1)).build());
        service.erase(idOf(IdentifierType.USER_ID, "u1"));
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(apply("web", known("u1").build()).blocked()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        ApplyResult result = apply("web", known("u1").at(NOW.plus(Duration.ofDays(30))).build());

        assertThat(result.blocked()).isZero();
        assertThat(result.applied()).isEqualTo(1);
        assertThat(result.failures()).isEmpty();
        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        assertThat(service.get(idOf(IdentifierType.USER_ID, "u1"))).hasValueSatisfying(fresh -> {
            assertThat(fresh.eventCount()).isEqualTo(1);
            assertThat(fresh.firstSeen()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        });
    }

    @Test
    void givenErasedConsumer_whenTheBlockHasEnded_thenTheIdentifierIsLinkedAgainToTheNewConsumer() {
        apply("web", known("u1").at(T0).build());
        service.erase(idOf(IdentifierType.USER_ID, "u1"));
        clock.advance(Duration.ofDays(31));

        apply("web", known("u1").withAnonymousId("a7").withMessageId("late-1").at(NOW.plus(Duration.ofDays(31)))
                .build());
        ApplyResult second = apply("web", known("u1").withMessageId("late-2")
                .at(NOW.plus(Duration.ofDays(31)).plusSeconds(5)).build());

        assertThat(second.applied()).isEqualTo(1);
        ConsumerProfile fresh = consumerOf(IdentifierType.USER_ID, "u1");
        assertThat(fresh.eventCount()).isEqualTo(2);
        assertThat(fresh.identifiers()).containsExactly("anonymousId:a7", "userId:u1");
        assertThat(graph.find(BRAND, List.of(id(IdentifierType.USER_ID, "u1"))))
                .containsValue(new Link(fresh.key().consumerId(), null));
    }

    @Test
    void givenConsumerErasedThroughAMergedAwayId_whenReporting_thenEachDeletedProfileIsCountedOnce() {
        apply("web", known("u1").withAnonymousId("a1").at(T0).build());
        apply("web", anonymous("a2").at(T0.plusSeconds(10)).build());
        apply("web", known("u1").withAnonymousId("a2").at(T0.plusSeconds(20)).build());

        ErasureReport report = service.erase(idOf(IdentifierType.ANONYMOUS_ID, "a2"));

        assertThat(report.consumerId()).isEqualTo(idOf(IdentifierType.USER_ID, "u1").consumerId());
        assertThat(report.profilesDeleted()).isEqualTo(2);
        assertThat(store.size()).isZero();
    }

    @Test
    void givenProfileWriteLostAfterLinking_whenRetried_thenTheLinkedIdentifiersAreRecordedAndErasedWithIt() {
        StaleOnceProfileStore flaky = new StaleOnceProfileStore(graph);
        service = new ProfileService(flaky, graph, new FixedBrandSettings(IdentityPolicy.DEFAULT), clock);
        apply("web", known("u1").at(T0).build());
        flaky.failNextSave();

        ApplyResult result = apply("web", known("u1").withAnonymousId("a1").withEmail(ANN_EMAIL)
                .at(T0.plusSeconds(10)).build());

        assertThat(result.applied()).isEqualTo(1);
        ConsumerProfile profile = service.findByIdentifier(BRAND, id(IdentifierType.USER_ID, "u1")).orElseThrow();
        assertThat(profile.identifiers()).containsExactly("anonymousId:a1", "email:" + ANN_EMAIL, "userId:u1");
        ErasureReport report = service.erase(profile.key());
        assertThat(report.identifiersBlocked())
                .containsExactlyInAnyOrder("anonymousId:a1", "email:" + ANN_EMAIL, "userId:u1");
        assertThat(service.findByIdentifier(BRAND, id(IdentifierType.EMAIL, ANN_EMAIL))).isEmpty();
    }

    /** A profile store whose next {@code save} loses a race once, after the identifiers were linked. */
    private static final class StaleOnceProfileStore extends InMemoryProfileStore {
        private boolean failNext;

        StaleOnceProfileStore(InMemoryIdentityGraph graph) {
            super(graph);
        }

        void failNextSave() {
            failNext = true;
        }

        @Override
        public void save(ConsumerProfile profile) {
            if (failNext) {
                failNext = false;
                throw new StaleProfileException(profile.key());
            }
            super.save(profile);
        }
    }

    @Test
    void givenUnknownConsumer_whenErasingOrRecordingConsent_thenReportsItIsNotFound() {
        ConsumerKey unknown = new ConsumerKey(BRAND, "c_unknown");

        assertThatThrownBy(() -> service.erase(unknown)).isInstanceOf(ConsumerNotFoundException.class);
        assertThatThrownBy(() -> service.recordConsent(unknown, "marketing", "*", true, T0))
                .isInstanceOf(ConsumerNotFoundException.class);
    }

    @Test
    void givenConsentInEventsAndRecordedDirectly_whenReading_thenTheLatestStatementWins() {
        apply("web", anonymous("a1").withConsent("marketing", true).withConsent("analytics", false)
                .at(T0.plusSeconds(10)).build());
        ConsumerKey key = idOf(IdentifierType.ANONYMOUS_ID, "a1");
        assertThat(service.get(key).orElseThrow().consentFor("marketing", "web")).contains(true);

        ConsumerProfile recorded = service.recordConsent(key, "marketing", "email", false, T0.plusSeconds(20));
        service.recordConsent(key, "analytics", "*", true, T0);

        ConsumerProfile stored = service.get(key).orElseThrow();
        assertThat(recorded.consentFor("marketing", "email")).contains(false);
        assertThat(stored.consentFor("marketing", "email")).contains(false);
        assertThat(stored.consentFor("marketing", "web")).contains(true);
        assertThat(stored.consentFor("analytics", "web")).contains(false);
        assertThat(stored.consentFor("ads", "web")).isEmpty();
        assertThat(stored.version()).isEqualTo(3);

        apply("web", anonymous("a1").withConsent("marketing", true).at(T0.plusSeconds(5)).build());
        apply("web", anonymous("a1").withConsent("marketing", false).at(T0.plusSeconds(30)).build());

        ConsumerProfile latest = service.get(key).orElseThrow();
        assertThat(latest.consentFor("marketing", "web")).contains(false);
        assertThat(latest.consentFor("marketing", "email")).contains(false);
        assertThat(latest.eventCount()).isEqualTo(3);
    }

    @Test
    void givenConsentOnBothConsumers_whenMerging_thenTheLatestStatementWinsAndConsentFollowsTheSurvivor() {
        apply("web", anonymous("a1").withConsent("marketing", false).at(T0).build());
        apply("app", known("u1").withConsent("marketing", true).at(T0.plusSeconds(10)).build());
        apply("app", known("u1").withAnonymousId("a1").at(T0.plusSeconds(20)).build());
        ConsumerKey mergedAway = idOf(IdentifierType.USER_ID, "u1");

        assertThat(service.get(mergedAway).orElseThrow().consentFor("marketing", "web")).contains(true);

        ConsumerProfile recorded = service.recordConsent(mergedAway, "marketing", "*", false, T0.plusSeconds(30));

        assertThat(recorded.key()).isEqualTo(idOf(IdentifierType.ANONYMOUS_ID, "a1"));
        assertThat(consumerOf(IdentifierType.USER_ID, "u1").consentFor("marketing", "web")).contains(false);
        assertThat(store.load(mergedAway)).get().extracting(ConsumerProfile::merged).isEqualTo(true);
    }

    @Test
    void givenMergedConsumers_whenTheirEventsAreRedelivered_thenNothingIsCountedTwice() {
        ConsumerEvent anonymousEvent = anonymous("a1").withMessageId("m1").at(T0).build();
        ConsumerEvent knownEvent = known("u1").withMessageId("m2").at(T0.plusSeconds(10)).build();
        ConsumerEvent identify = anIdentifyEvent().withUserId("u1").withAnonymousId("a1").withMessageId("m3")
                .at(T0.plusSeconds(20)).build();
        apply("web", anonymousEvent);
        apply("web", knownEvent);
        apply("web", identify);
        int writes = store.writes();

        ApplyResult knownAgain = apply("web", knownEvent);
        ApplyResult allAgain = applyAll(delivery("web", anonymousEvent), delivery("web", knownEvent),
                delivery("web", identify));

        assertThat(knownAgain.applied()).isZero();
        assertThat(knownAgain.duplicates()).isEqualTo(1);
        assertThat(allAgain.applied()).isZero();
        assertThat(allAgain.duplicates()).isEqualTo(3);
        assertThat(allAgain.merges()).isZero();
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(consumerOf(IdentifierType.USER_ID, "u1").eventCount()).isEqualTo(3);
    }

    @Test
    void givenThreeConsumers_whenOneEventCarriesAllTheirIdentifiers_thenAllMergeIntoTheOldest() {
        apply("web", anonymous("a1").at(T0.plusSeconds(20)).build());
        apply("app", known("u1").at(T0).build());
        apply("pos", anonymous("a2").withEmail(ANN_EMAIL).at(T0.plusSeconds(10)).build());
        assertThat(store.liveProfiles(BRAND)).isEqualTo(3);

        ApplyResult result = apply("web", anIdentifyEvent().withUserId("u1").withAnonymousId("a1")
                .withEmail(ANN_EMAIL).at(T0.plusSeconds(30)).build());

        assertThat(result.merges()).isEqualTo(2);
        assertThat(result.writes()).isEqualTo(1);
        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        ConsumerProfile survivor = consumerOf(IdentifierType.ANONYMOUS_ID, "a2");
        assertThat(survivor.key()).isEqualTo(idOf(IdentifierType.USER_ID, "u1"));
        assertThat(survivor.eventCount()).isEqualTo(4);
        assertThat(survivor.firstSeen()).isEqualTo(T0);
        assertThat(survivor.lastSeen()).isEqualTo(T0.plusSeconds(30));
        assertThat(survivor.channels()).containsExactly("app", "pos", "web");
        assertThat(survivor.identifiers()).containsExactlyInAnyOrder("userId:u1", "anonymousId:a1",
                "anonymousId:a2", "email:" + ANN_EMAIL);
        List<ConsumerKey> mergedAway = List.of(idOf(IdentifierType.ANONYMOUS_ID, "a1"),
                idOf(IdentifierType.EMAIL, ANN_EMAIL));
        assertThat(survivor.mergedFrom()).containsExactlyInAnyOrderElementsOf(
                mergedAway.stream().map(ConsumerKey::consumerId).toList());
        assertThat(mergedAway).allSatisfy(key -> assertThat(store.load(key)).get()
                .extracting(ConsumerProfile::mergedInto).isEqualTo(survivor.key().consumerId()));
    }

    @Test
    void givenConsumerMergedTwice_whenReadingTheFirstMergedAwayId_thenRedirectsLeadToTheLiveSurvivor() {
        apply("web", anonymous("a3").at(T0.plusSeconds(20)).build());
        apply("web", anonymous("a2").at(T0.plusSeconds(10)).build());
        apply("web", anonymous("a1").at(T0).build());
        apply("web", known("u3").withAnonymousId("a3").at(T0.plusSeconds(30)).build());
        apply("web", known("u3").withAnonymousId("a2").at(T0.plusSeconds(40)).build());
        apply("web", known("u3").withAnonymousId("a1").at(T0.plusSeconds(50)).build());

        ConsumerKey survivor = idOf(IdentifierType.ANONYMOUS_ID, "a1");
        assertThat(Stream.of("a1", "a2", "a3")).allSatisfy(a ->
                assertThat(service.get(idOf(IdentifierType.ANONYMOUS_ID, a))).get()
                        .extracting(ConsumerProfile::key).isEqualTo(survivor));
        assertThat(service.get(survivor).orElseThrow().eventCount()).isEqualTo(6);
        assertThat(service.get(survivor).orElseThrow().mergedFrom()).containsExactlyInAnyOrder(
                idOf(IdentifierType.ANONYMOUS_ID, "a2").consumerId(),
                idOf(IdentifierType.ANONYMOUS_ID, "a3").consumerId());
        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
    }

    @Test
    void givenEventsInOneCallSharingIdentifiersTransitively_whenApplying_thenTheyFormOneConsumer() {
        ApplyResult result = applyAll(
                delivery("web", known("u1").withAnonymousId("a1").at(T0).build()),
                delivery("app", known("u2").withAnonymousId("a1").at(T0.plusSeconds(10)).build(),
                        anonymous("a9").at(T0.plusSeconds(5)).build()),
                delivery("pos", known("u2").withAnonymousId("a2").at(T0.plusSeconds(20)).build()));

        assertThat(result.failures()).isEmpty();
        assertThat(result.applied()).isEqualTo(4);
        assertThat(result.writes()).isEqualTo(2);
        assertThat(result.merges()).isZero();
        assertThat(store.liveProfiles(BRAND)).isEqualTo(2);
        ConsumerProfile joined = consumerOf(IdentifierType.ANONYMOUS_ID, "a2");
        assertThat(joined.key()).isEqualTo(idOf(IdentifierType.USER_ID, "u1"));
        assertThat(joined.eventCount()).isEqualTo(3);
        assertThat(joined.identifiers()).containsExactlyInAnyOrder("userId:u1", "userId:u2", "anonymousId:a1",
                "anonymousId:a2");
        assertThat(joined.channels()).containsExactly("app", "pos", "web");
        assertThat(consumerOf(IdentifierType.ANONYMOUS_ID, "a9").eventCount()).isEqualTo(1);
    }

    @Test
    void givenAliasCall_whenApplying_thenThePreviousAnonymousConsumerJoinsTheUser() {
        apply("web", anonymous("a-old").at(T0).build());
        apply("web", known("u1").at(T0.plusSeconds(10)).build());

        ApplyResult result = apply("web", aTrackEvent().withType(EventType.ALIAS).withEvent(null).withUserId("u1")
                .withAnonymousId(null).withPreviousId("a-old").at(T0.plusSeconds(20)).build());

        assertThat(result.merges()).isEqualTo(1);
        assertThat(consumerOf(IdentifierType.USER_ID, "u1"))
                .isEqualTo(consumerOf(IdentifierType.ANONYMOUS_ID, "a-old"))
                .extracting(ConsumerProfile::eventCount).isEqualTo(3L);
    }

    @Test
    void givenSameMemberIdOnTwoChannels_whenApplying_thenTheyAreDifferentConsumers() {
        apply("pos", anonymous("a1").withTrait("memberId", "42").build());
        apply("web", anonymous("a2").withTrait("memberId", "42").build());

        assertThat(store.liveProfiles(BRAND)).isEqualTo(2);
        assertThat(consumerOf(IdentifierType.MEMBER, "pos:42").key()).isEqualTo(idOf(IdentifierType.MEMBER, "pos:42"));
        assertThat(consumerOf(IdentifierType.MEMBER, "web:42").key()).isEqualTo(idOf(IdentifierType.MEMBER, "web:42"));
    }

    @Test
    void givenSameIdentifiersInTwoBrands_whenApplying_thenEachBrandHasItsOwnConsumer() {
        applyAll(delivery("web", known("u1").build()),
                new QueuedEnvelope("g1", new IngestEnvelope("globex", "web", List.of(known("u1").build()))));

        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        assertThat(store.liveProfiles("globex")).isEqualTo(1);
        assertThat(service.findByIdentifier("globex", id(IdentifierType.USER_ID, "u1"))).get()
                .extracting(ConsumerProfile::key).isEqualTo(ConsumerIds.forIdentifier("globex",
                        IdentifierType.USER_ID, "u1"));
        assertThat(consumerOf(IdentifierType.USER_ID, "u1").key().brandId()).isEqualTo(BRAND);
    }

    @Test
    void givenIdentifierLinkedToAConsumerNeverWritten_whenLookingItUp_thenFindsNothing() {
        graph.linkIfAbsent(BRAND, id(IdentifierType.USER_ID, "u1"), "c_ghost", Instant.EPOCH);

        assertThat(service.findByIdentifier(BRAND, id(IdentifierType.USER_ID, "u1"))).isEmpty();
        assertThat(service.get(new ConsumerKey(BRAND, "c_ghost"))).isEmpty();
    }

    private ProfileService serviceWith(IdentityPolicy policy) {
        return new ProfileService(store, graph, new FixedBrandSettings(policy), clock);
    }

    private static io.tally.testkit.ConsumerEventBuilder anonymous(String anonymousId) {
        return aTrackEvent().withAnonymousId(anonymousId);
    }

    private static io.tally.testkit.ConsumerEventBuilder known(String userId) {
        return aTrackEvent().withUserId(userId).withAnonymousId(null);
    }

    private ApplyResult apply(String channelId, ConsumerEvent... events) {
        return applyAll(delivery(channelId, events));
    }

    private ApplyResult applyAll(QueuedEnvelope... queued) {
        ApplyResult result = service.apply(Arrays.asList(queued));
        assertThat(result.failures()).isEmpty();
        return result;
    }

    private QueuedEnvelope delivery(String channelId, ConsumerEvent... events) {
        return new QueuedEnvelope("d" + ++deliveries, new IngestEnvelope(BRAND, channelId, List.of(events)));
    }

    private ConsumerProfile consumerOf(IdentifierType type, String value) {
        return service.findByIdentifier(BRAND, id(type, value)).orElseThrow(() ->
                new AssertionError("no consumer for " + type.wireName() + ':' + value));
    }

    private static ConsumerKey idOf(IdentifierType type, String value) {
        return ConsumerIds.forIdentifier(BRAND, type, value);
    }

    private static Identifier id(IdentifierType type, String value) {
        return new Identifier(type, value);
    }
}
