package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerIds;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.port.in.ApplyEventsUseCase.ApplyResult;
import io.tally.core.port.in.ApplyEventsUseCase.QueuedEnvelope;
import io.tally.core.port.out.StaleProfileException;
import io.tally.testkit.FixedBrandSettings;
import io.tally.testkit.InMemoryProfileStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tally.testkit.ConsumerEventBuilder.DEFAULT_TIME;
import static io.tally.testkit.ConsumerEventBuilder.aTrackEvent;
import static io.tally.testkit.ConsumerEventBuilder.anIdentifyEvent;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileServiceTest {

    private static final String BRAND = "acme";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private final InMemoryProfileStore store = new InMemoryProfileStore();
    private final ProfileService service = serviceOver(store);

    @Test
    void givenEventsOfOneConsumerAcrossDeliveries_whenApplying_thenWritesTheProfileOnce() {
        List<QueuedEnvelope> deliveries = List.of(
                delivery("d1", "web", aTrackEvent().withAnonymousId("a1").at(DEFAULT_TIME).build()),
                delivery("d2", "app", aTrackEvent().withAnonymousId("a1").at(DEFAULT_TIME.plusSeconds(60)).build(),
                        aTrackEvent().withAnonymousId("a1").at(DEFAULT_TIME.minusSeconds(60)).build()),
                delivery("d3", "pos", anIdentifyEvent().withAnonymousId("a1").build()));

        ApplyResult result = service.apply(deliveries);

        assertThat(result.failures()).isEmpty();
        assertThat(result.applied()).isEqualTo(4);
        assertThat(result.duplicates()).isZero();
        assertThat(result.writes()).isEqualTo(1);
        assertThat(store.writes()).isEqualTo(1);
        ConsumerProfile profile = profileOf(IdentifierType.ANONYMOUS_ID, "a1");
        assertThat(profile.eventCount()).isEqualTo(4);
        assertThat(profile.channels()).containsExactly("app", "pos", "web");
        assertThat(profile.firstSeen()).isEqualTo(DEFAULT_TIME.minusSeconds(60));
        assertThat(profile.lastSeen()).isEqualTo(DEFAULT_TIME.plusSeconds(60));
        assertThat(profile.version()).isEqualTo(1);
    }

    @Test
    void givenEventsOfTwoConsumers_whenApplying_thenWritesEachProfileOnce() {
        List<QueuedEnvelope> deliveries = List.of(
                delivery("d1", "web", aTrackEvent().withAnonymousId("a1").build(),
                        aTrackEvent().withAnonymousId("a2").build()),
                delivery("d2", "web", aTrackEvent().withAnonymousId("a2").build()));

        ApplyResult result = service.apply(deliveries);

        assertThat(result.writes()).isEqualTo(2);
        assertThat(store.writes()).isEqualTo(2);
        assertThat(store.size()).isEqualTo(2);
        assertThat(profileOf(IdentifierType.ANONYMOUS_ID, "a1").eventCount()).isEqualTo(1);
        assertThat(profileOf(IdentifierType.ANONYMOUS_ID, "a2").eventCount()).isEqualTo(2);
    }

    @Test
    void givenDeliveriesAlreadyApplied_whenRedelivered_thenWritesNothingAndCountsDuplicates() {
        List<QueuedEnvelope> deliveries = List.of(
                delivery("d1", "web", aTrackEvent().withAnonymousId("a1").build(),
                        aTrackEvent().withAnonymousId("a1").build()),
                delivery("d2", "app", aTrackEvent().withAnonymousId("a1").build()));
        service.apply(deliveries);

        ApplyResult redelivery = service.apply(deliveries);

        assertThat(redelivery.failures()).isEmpty();
        assertThat(redelivery.applied()).isZero();
        assertThat(redelivery.duplicates()).isEqualTo(3);
        assertThat(redelivery.writes()).isZero();
        assertThat(store.writes()).isEqualTo(1);
        assertThat(profileOf(IdentifierType.ANONYMOUS_ID, "a1").eventCount()).isEqualTo(3);
    }

    @Test
    void givenRedeliveryMixedWithNewEvents_whenApplying_thenAppliesOnlyTheNewOnes() {
        QueuedEnvelope first = delivery("d1", "web", aTrackEvent().withAnonymousId("a1").build());
        service.apply(List.of(first));

        ApplyResult result = service.apply(List.of(first,
                delivery("d2", "web", aTrackEvent().withAnonymousId("a1").build())));

        assertThat(result.applied()).isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(store.writes()).isEqualTo(2);
        assertThat(profileOf(IdentifierType.ANONYMOUS_ID, "a1").eventCount()).isEqualTo(2);
    }

    @Test
    void givenEventWithUserIdAndAnonymousId_whenApplying_thenKeysTheConsumerByUserId() {
        service.apply(List.of(
                delivery("d1", "web", anIdentifyEvent().withUserId("u1").withAnonymousId("a1").build()),
                delivery("d2", "app", aTrackEvent().withUserId("u1").withAnonymousId("a2").build())));

        ConsumerKey byUserId = ConsumerIds.forIdentifier(BRAND, IdentifierType.USER_ID, "u1");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.load(byUserId)).hasValueSatisfying(profile -> {
            assertThat(profile.eventCount()).isEqualTo(2);
            assertThat(profile.identifiers())
                    .containsExactlyInAnyOrder("userId:u1", "anonymousId:a1", "anonymousId:a2");
        });
        assertThat(store.load(ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a1"))).isEmpty();
    }

    @Test
    void givenAppliedEvents_whenFindingByIdentifier_thenFindsTheProfileOnlyInItsBrand() {
        service.apply(List.of(delivery("d1", "web", aTrackEvent().withUserId("u1").build())));

        Identifier u1 = new Identifier(IdentifierType.USER_ID, "u1");
        assertThat(service.findByIdentifier(BRAND, u1))
                .hasValueSatisfying(profile -> assertThat(profile.identifiers()).contains("userId:u1"));
        assertThat(service.findByIdentifier("globex", u1)).isEmpty();
        assertThat(service.findByIdentifier(BRAND, new Identifier(IdentifierType.USER_ID, "u2"))).isEmpty();
    }

    @Test
    void givenAppliedEvents_whenGettingByKey_thenReturnsTheStoredProfile() {
        service.apply(List.of(delivery("d1", "web", aTrackEvent().withAnonymousId("a1").build())));
        ConsumerKey key = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a1");

        assertThat(service.get(key)).isEqualTo(store.load(key)).isPresent();
    }

    @Test
    void givenStoreAlwaysStaleForOneConsumer_whenApplying_thenOnlyThatConsumersDeliveriesFail() {
        ConsumerKey contested = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a1");
        var staleStore = new StaleProfileStore(contested, Integer.MAX_VALUE);
        var staleService = serviceOver(staleStore);

        ApplyResult result = staleService.apply(List.of(
                delivery("d1", "web", aTrackEvent().withAnonymousId("a1").build()),
                delivery("d2", "web", aTrackEvent().withAnonymousId("a2").build()),
                delivery("d3", "app", aTrackEvent().withAnonymousId("a1").build()),
                delivery("d4", "app", aTrackEvent().withAnonymousId("a3").build())));

        assertThat(result.failures()).containsOnlyKeys("d1", "d3");
        assertThat(result.failures().values())
                .allSatisfy(reason -> assertThat(reason).contains("StaleProfileException"));
        assertThat(staleStore.attemptsFor(contested)).isEqualTo(ProfileService.MAX_ATTEMPTS);
        assertThat(staleStore.load(contested)).isEmpty();
        assertThat(result.applied()).isEqualTo(2);
        assertThat(result.writes()).isEqualTo(2);
        assertThat(staleStore.writes()).isEqualTo(2);
    }

    @Test
    void givenDeliveryWithEventsOfAFailingAndASucceedingConsumer_whenApplying_thenTheDeliveryIsRetried() {
        ConsumerKey contested = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a1");
        var staleService = serviceOver(new StaleProfileStore(contested, Integer.MAX_VALUE));

        ApplyResult result = staleService.apply(List.of(
                delivery("d1", "web", aTrackEvent().withAnonymousId("a2").build(),
                        aTrackEvent().withAnonymousId("a1").build()),
                delivery("d2", "web", aTrackEvent().withAnonymousId("a2").build())));

        assertThat(result.failures()).containsOnlyKeys("d1");
    }

    @Test
    void givenStoreStaleOnceThenWilling_whenApplying_thenAppliesOnceWithoutFailure() {
        ConsumerKey contested = ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a1");
        var staleStore = new StaleProfileStore(contested, 1);
        var staleService = serviceOver(staleStore);

        ApplyResult result = staleService.apply(List.of(
                delivery("d1", "web", aTrackEvent().withAnonymousId("a1").build(),
                        aTrackEvent().withAnonymousId("a1").build())));

        assertThat(result.failures()).isEmpty();
        assertThat(result.applied()).isEqualTo(2);
        assertThat(result.writes()).isEqualTo(1);
        assertThat(staleStore.attemptsFor(contested)).isEqualTo(2);
        assertThat(staleStore.writes()).isEqualTo(1);
        assertThat(staleStore.load(contested)).hasValueSatisfying(profile -> {
            assertThat(profile.eventCount()).isEqualTo(2);
            assertThat(profile.version()).isEqualTo(1);
        });
    }

    @Test
    void givenNoDeliveries_whenApplying_thenDoesNothing() {
        ApplyResult result = service.apply(List.of());

        assertThat(result.failures()).isEmpty();
        assertThat(result.applied()).isZero();
        assertThat(result.writes()).isZero();
        assertThat(store.writes()).isZero();
    }

    private static ProfileService serviceOver(InMemoryProfileStore profiles) {
        return new ProfileService(profiles, profiles.graph(), FixedBrandSettings.defaults(), CLOCK);
    }

    private ConsumerProfile profileOf(IdentifierType type, String value) {
        return store.load(ConsumerIds.forIdentifier(BRAND, type, value)).orElseThrow();
    }

    private static QueuedEnvelope delivery(String deliveryId, String channelId, ConsumerEvent... events) {
        return new QueuedEnvelope(deliveryId, new IngestEnvelope(BRAND, channelId, List.of(events)));
    }

    /** Loses the race for one consumer a given number of times, as if another writer kept getting there first. */
    private static final class StaleProfileStore extends InMemoryProfileStore {

        private final ConsumerKey contested;
        private final AtomicInteger staleSavesLeft;
        private final AtomicInteger attempts = new AtomicInteger();

        StaleProfileStore(ConsumerKey contested, int staleSaves) {
            this.contested = contested;
            this.staleSavesLeft = new AtomicInteger(staleSaves);
        }

        @Override
        public void save(ConsumerProfile profile) {
            if (profile.key().equals(contested)) {
                attempts.incrementAndGet();
                if (staleSavesLeft.getAndDecrement() > 0) {
                    throw new StaleProfileException(profile.key());
                }
            }
            super.save(profile);
        }

        int attemptsFor(ConsumerKey key) {
            return key.equals(contested) ? attempts.get() : 0;
        }
    }
}
