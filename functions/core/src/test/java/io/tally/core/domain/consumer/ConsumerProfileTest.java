package io.tally.core.domain.consumer;

import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerProfileTest {

    private static final ConsumerKey KEY = new ConsumerKey("acme", "c_1");
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void givenNewProfile_whenApplyingEvents_thenCountsEachEvent() {
        var change = ConsumerProfile.newProfile(KEY).apply(List.of(
                onChannel("web", event("m1", "u1", null, T0)),
                onChannel("web", event("m2", "u1", null, T0)),
                onChannel("web", event("m3", "u1", null, T0))));

        assertThat(change.applied()).isEqualTo(3);
        assertThat(change.duplicates()).isZero();
        assertThat(change.profile().eventCount()).isEqualTo(3);
        assertThat(change.profile().key()).isEqualTo(KEY);
    }

    @Test
    void givenEventsOutOfOrder_whenApplying_thenFirstSeenIsEarliestAndLastSeenIsLatest() {
        var change = ConsumerProfile.newProfile(KEY).apply(List.of(
                onChannel("web", event("m1", "u1", null, T0.plusSeconds(60))),
                onChannel("web", event("m2", "u1", null, T0)),
                onChannel("web", event("m3", "u1", null, T0.plusSeconds(120))),
                onChannel("web", event("m4", "u1", null, T0.plusSeconds(30)))));

        assertThat(change.profile().firstSeen()).isEqualTo(T0);
        assertThat(change.profile().lastSeen()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void givenExistingProfile_whenApplyingOlderAndNewerEvents_thenWidensTheSeenRange() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY)
                .apply(List.of(onChannel("web", event("m1", "u1", null, T0)))).profile();

        ConsumerProfile next = profile.apply(List.of(
                onChannel("pos", event("m2", "u1", null, T0.minusSeconds(10))),
                onChannel("pos", event("m3", "u1", null, T0.plusSeconds(10))))).profile();

        assertThat(next.firstSeen()).isEqualTo(T0.minusSeconds(10));
        assertThat(next.lastSeen()).isEqualTo(T0.plusSeconds(10));
        assertThat(next.eventCount()).isEqualTo(3);
    }

    @Test
    void givenEventsFromSeveralChannelsAndCalls_whenApplying_thenUnitesChannels() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(List.of(
                onChannel("web", event("m1", null, "a1", T0)),
                onChannel("app", event("m2", null, "a1", T0)))).profile();

        ConsumerProfile next = profile.apply(List.of(
                onChannel("pos", event("m3", null, "a1", T0)),
                onChannel("web", event("m4", null, "a1", T0)))).profile();

        assertThat(next.channels()).containsExactly("app", "pos", "web");
    }

    @Test
    void givenEventsWithUserAndAnonymousIds_whenApplying_thenUnitesIdentifiersAsTypeColonValue() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(List.of(
                onChannel("web", event("m1", "u1", "a1", T0)),
                onChannel("app", event("m2", null, "a2", T0)))).profile();

        ConsumerProfile next = profile.apply(List.of(onChannel("pos", event("m3", "u1", null, T0)))).profile();

        assertThat(next.identifiers()).containsExactlyInAnyOrder("userId:u1", "anonymousId:a1", "anonymousId:a2");
    }

    @Test
    void givenProfile_whenApplyingRepeatedly_thenVersionGrowsByExactlyOnePerApply() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY);
        assertThat(profile.version()).isZero();

        ConsumerProfile first = profile.apply(List.of(onChannel("web", event("m1", "u1", null, T0)))).profile();
        ConsumerProfile second = first.apply(List.of(
                onChannel("web", event("m2", "u1", null, T0)),
                onChannel("web", event("m3", "u1", null, T0)))).profile();

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
    }

    @Test
    void givenProfile_whenApplying_thenOriginalProfileIsUnchanged() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY);

        profile.apply(List.of(onChannel("web", event("m1", "u1", null, T0))));

        assertThat(profile.eventCount()).isZero();
        assertThat(profile.channels()).isEmpty();
        assertThat(profile.identifiers()).isEmpty();
        assertThat(profile.recentMessages().contains("m1")).isFalse();
    }

    @Test
    void givenSameMessageIdTwiceInOneCall_whenApplying_thenSkipsTheDuplicate() {
        var change = ConsumerProfile.newProfile(KEY).apply(List.of(
                onChannel("web", event("m1", "u1", null, T0)),
                onChannel("web", event("m1", "u1", null, T0.minusSeconds(3600))),
                onChannel("web", event("m2", "u1", null, T0))));

        assertThat(change.applied()).isEqualTo(2);
        assertThat(change.duplicates()).isEqualTo(1);
        assertThat(change.profile().eventCount()).isEqualTo(2);
        assertThat(change.profile().firstSeen()).isEqualTo(T0);
    }

    @Test
    void givenEventsAlreadyApplied_whenRedelivered_thenAppliesNothingAndCountsDuplicates() {
        List<ChannelEvent> events = List.of(
                onChannel("web", event("m1", "u1", null, T0)),
                onChannel("web", event("m2", "u1", null, T0.plusSeconds(5))),
                onChannel("app", event("m3", "u1", null, T0.plusSeconds(9))));
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(events).profile();

        var redelivery = profile.apply(events);

        assertThat(redelivery.applied()).isZero();
        assertThat(redelivery.duplicates()).isEqualTo(3);
        assertThat(redelivery.profile().eventCount()).isEqualTo(profile.eventCount()).isEqualTo(3);
        assertThat(redelivery.profile().firstSeen()).isEqualTo(profile.firstSeen());
        assertThat(redelivery.profile().lastSeen()).isEqualTo(profile.lastSeen());
    }

    @Test
    void givenPartlyRedeliveredEvents_whenApplying_thenAppliesOnlyTheNewOnes() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY)
                .apply(List.of(onChannel("web", event("m1", "u1", null, T0)))).profile();

        var change = profile.apply(List.of(
                onChannel("web", event("m1", "u1", null, T0)),
                onChannel("web", event("m2", "u1", null, T0))));

        assertThat(change.applied()).isEqualTo(1);
        assertThat(change.duplicates()).isEqualTo(1);
        assertThat(change.profile().eventCount()).isEqualTo(2);
    }

    @Property
    void givenAnyPermutationOfEvents_whenApplying_thenProfileFactsAreTheSame(
            @ForAll("eventsWithRedeliveries") List<ChannelEvent> events, @ForAll Random random) {
        List<ChannelEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);

        var inOrder = ConsumerProfile.newProfile(KEY).apply(events);
        var permuted = ConsumerProfile.newProfile(KEY).apply(shuffled);

        assertThat(permuted.applied()).isEqualTo(inOrder.applied());
        assertThat(permuted.duplicates()).isEqualTo(inOrder.duplicates());
        assertThat(permuted.profile().eventCount()).isEqualTo(inOrder.profile().eventCount());
        assertThat(permuted.profile().firstSeen()).isEqualTo(inOrder.profile().firstSeen());
        assertThat(permuted.profile().lastSeen()).isEqualTo(inOrder.profile().lastSeen());
        assertThat(permuted.profile().channels()).isEqualTo(inOrder.profile().channels());
        assertThat(permuted.profile().identifiers()).isEqualTo(inOrder.profile().identifiers());
    }

    @Provide
    Arbitrary<List<ChannelEvent>> eventsWithRedeliveries() {
        Arbitrary<ChannelEvent> anyEvent = Combinators.combine(
                Arbitraries.of("web", "app", "pos", "delivery"),
                Arbitraries.of("u1", "u2").injectNull(0.5),
                Arbitraries.of("a1", "a2", "a3"),
                Arbitraries.longs().between(-86_400, 86_400)
        ).as((channel, userId, anonymousId, offset) ->
                onChannel(channel, event("pending", userId, anonymousId, T0.plusSeconds(offset))));
        Arbitrary<List<ChannelEvent>> distinct = anyEvent.list().ofMaxSize(40).map(list ->
                IntStream.range(0, list.size())
                        .mapToObj(i -> withMessageId(list.get(i), "m" + i))
                        .toList());
        return Combinators.combine(distinct, Arbitraries.integers().between(0, 1000).list().ofMaxSize(15))
                .as((events, redelivered) -> {
                    List<ChannelEvent> all = new ArrayList<>(events);
                    if (!events.isEmpty()) {
                        redelivered.forEach(i -> all.add(events.get(i % events.size())));
                    }
                    return all;
                });
    }

    private static ChannelEvent withMessageId(ChannelEvent channelEvent, String messageId) {
        ConsumerEvent e = channelEvent.event();
        return onChannel(channelEvent.channelId(), event(messageId, e.userId(), e.anonymousId(), e.timestamp()));
    }

    private static ChannelEvent onChannel(String channelId, ConsumerEvent event) {
        return new ChannelEvent(channelId, event);
    }

    private static ConsumerEvent event(String messageId, String userId, String anonymousId, Instant at) {
        return new ConsumerEvent(EventType.TRACK, messageId, userId, anonymousId, "Product Viewed", null, null,
                null, at, at, null, null, null, null);
    }
}
