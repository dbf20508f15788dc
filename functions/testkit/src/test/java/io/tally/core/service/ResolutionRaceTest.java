package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerIds;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.port.in.ApplyEventsUseCase.ApplyResult;
import io.tally.core.port.in.ApplyEventsUseCase.QueuedEnvelope;
import io.tally.testkit.FixedBrandSettings;
import io.tally.testkit.InMemoryIdentityGraph;
import io.tally.testkit.InMemoryProfileStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static io.tally.testkit.ConsumerEventBuilder.aTrackEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lost races of {@link ProfileService}, made deterministic: a port runs a second processor's call just before its
 * own conditional write, so that write finds the link taken or the version changed. Needs nothing outside the JVM.
 */
class ResolutionRaceTest {

    private static final String BRAND = "acme";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private final AtomicBoolean raced = new AtomicBoolean();
    private Runnable race = () -> { };
    private final InMemoryIdentityGraph graph = new RacingGraph();
    private final InMemoryProfileStore store = new RacingStore(graph);
    private final ProfileService service = new ProfileService(store, graph, FixedBrandSettings.defaults(), CLOCK);
    private final ProfileService rival = new ProfileService(store, graph, FixedBrandSettings.defaults(), CLOCK);
    private String raceOn = "";

    @Test
    void givenRivalLinksAnIdentifierFirst_whenLinking_thenRetriesAndJoinsTheRivalsConsumer() {
        raceOn = "link";
        race = () -> apply(rival, aTrackEvent().withAnonymousId("a1").withMessageId("m0").at(T0).build());

        ApplyResult result = apply(service, aTrackEvent().withUserId("u1").withAnonymousId("a1").withMessageId("m1")
                .at(T0.plusSeconds(10)).build());

        assertThat(raced).isTrue();
        assertThat(result.failures()).isEmpty();
        assertThat(result.applied()).isEqualTo(1);
        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        ConsumerProfile profile = consumerOf(IdentifierType.USER_ID, "u1");
        assertThat(consumerOf(IdentifierType.ANONYMOUS_ID, "a1")).isEqualTo(profile);
        assertThat(profile.key()).isEqualTo(ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a1"));
        assertThat(profile.eventCount()).isEqualTo(2);
        assertThat(profile.firstSeen()).isEqualTo(T0);
        assertThat(profile.lastSeen()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void givenRivalWritesTheSameConsumerFirst_whenSaving_thenRetriesAndKeepsBothEvents() {
        raceOn = "save";
        race = () -> apply(rival, aTrackEvent().withUserId("u1").withAnonymousId("a1").withMessageId("m1")
                .at(T0).build());

        ApplyResult result = apply(service, aTrackEvent().withUserId("u1").withAnonymousId("a2").withMessageId("m2")
                .at(T0.plusSeconds(10)).build());

        assertThat(raced).isTrue();
        assertThat(result.failures()).isEmpty();
        assertThat(result.applied()).isEqualTo(1);
        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        ConsumerProfile profile = consumerOf(IdentifierType.USER_ID, "u1");
        assertThat(Stream.of("a1", "a2")).allSatisfy(a ->
                assertThat(consumerOf(IdentifierType.ANONYMOUS_ID, a)).isEqualTo(profile));
        assertThat(profile.eventCount()).isEqualTo(2);
        assertThat(profile.recentMessages().contains("m1")).isTrue();
        assertThat(profile.recentMessages().contains("m2")).isTrue();
        assertThat(profile.version()).isEqualTo(2);
    }

    @Test
    void givenRivalAppliesAnEventToTheLoserFirst_whenMerging_thenRetriesAndTheSurvivorCountsIt() {
        apply(service, aTrackEvent().withAnonymousId("a1").withMessageId("m1").at(T0).build());
        apply(service, aTrackEvent().withUserId("u1").withAnonymousId(null).withMessageId("m2")
                .at(T0.plusSeconds(10)).build());
        raceOn = "merge";
        race = () -> apply(rival, aTrackEvent().withUserId("u1").withAnonymousId(null).withMessageId("m3")
                .at(T0.plusSeconds(20)).build());

        ApplyResult result = apply(service, aTrackEvent().withUserId("u1").withAnonymousId("a1").withMessageId("m4")
                .at(T0.plusSeconds(30)).build());

        assertThat(raced).isTrue();
        assertThat(result.failures()).isEmpty();
        assertThat(result.merges()).isEqualTo(1);
        assertThat(store.liveProfiles(BRAND)).isEqualTo(1);
        ConsumerProfile survivor = consumerOf(IdentifierType.USER_ID, "u1");
        assertThat(survivor.key()).isEqualTo(ConsumerIds.forIdentifier(BRAND, IdentifierType.ANONYMOUS_ID, "a1"));
        assertThat(survivor.eventCount()).isEqualTo(4);
        assertThat(survivor.identifiers()).containsExactly("anonymousId:a1", "userId:u1");
        assertThat(Stream.of("m1", "m2", "m3", "m4")).allMatch(m -> survivor.recentMessages().contains(m));
    }

    private ConsumerProfile consumerOf(IdentifierType type, String value) {
        return service.findByIdentifier(BRAND, new Identifier(type, value)).orElseThrow();
    }

    private static ApplyResult apply(ProfileService processor, ConsumerEvent event) {
        return processor.apply(List.of(new QueuedEnvelope(event.messageId(),
                new IngestEnvelope(BRAND, "web", List.of(event)))));
    }

    private void raceOnce(String point) {
        if (raceOn.equals(point) && raced.compareAndSet(false, true)) {
            race.run();
        }
    }

    /** Runs the rival just before the first conditional link. */
    private final class RacingGraph extends InMemoryIdentityGraph {
        @Override
        public boolean linkIfAbsent(String brandId, Identifier identifier, String consumerId, Instant now) {
            raceOnce("link");
            return super.linkIfAbsent(brandId, identifier, consumerId, now);
        }
    }

    /** Runs the rival just before the first profile write or merge. */
    private final class RacingStore extends InMemoryProfileStore {
        RacingStore(InMemoryIdentityGraph graph) {
            super(graph);
        }

        @Override
        public void save(ConsumerProfile profile) {
            raceOnce("save");
            super.save(profile);
        }

        @Override
        public void saveMerge(ConsumerProfile survivor, Collection<ConsumerProfile> redirects,
                              Map<Identifier, String> relinks) {
            raceOnce("merge");
            super.saveMerge(survivor, redirects, relinks);
        }
    }
}
