package io.tally.core.domain.consumer;

import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import io.tally.core.domain.identity.Identifier;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerProfileTest {

    private static final ConsumerKey KEY = new ConsumerKey("acme", "c_1");
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final java.time.LocalDate TODAY = java.time.LocalDate.parse("2026-11-25");

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
    void givenLinkedIdentifiers_whenApplying_thenUnitesThemAsTypeColonValue() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(List.of(
                        onChannel("web", event("m1", "u1", "a1", T0)),
                        onChannel("app", event("m2", null, "a2", T0))),
                List.of(id(IdentifierType.USER_ID, "u1"), id(IdentifierType.ANONYMOUS_ID, "a1"),
                        id(IdentifierType.ANONYMOUS_ID, "a2"))).profile();

        ConsumerProfile next = profile.apply(List.of(onChannel("pos", event("m3", "u1", null, T0))),
                List.of(id(IdentifierType.USER_ID, "u1"), id(IdentifierType.MEMBER, "pos:42"))).profile();

        assertThat(next.identifiers())
                .containsExactlyInAnyOrder("userId:u1", "member:pos:42", "anonymousId:a1", "anonymousId:a2");
    }

    @Test
    void givenEventsWithUserAndAnonymousIds_whenApplyingWithoutIdentifiers_thenLinksNothing() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(List.of(
                onChannel("web", event("m1", "u1", "a1", T0)),
                onChannel("app", event("m2", null, "a2", T0)))).profile();

        assertThat(profile.identifiers()).isEmpty();
        assertThat(profile.eventCount()).isEqualTo(2);
    }

    @Test
    void givenOnlyNewIdentifiersAndRedeliveredEvents_whenApplying_thenLinksThemWithoutCounting() {
        List<ChannelEvent> events = List.of(onChannel("web", event("m1", "u1", null, T0)));
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(events).profile();

        var change = profile.apply(events, List.of(id(IdentifierType.USER_ID, "u1")));

        assertThat(change.applied()).isZero();
        assertThat(change.duplicates()).isEqualTo(1);
        assertThat(change.profile().identifiers()).containsExactly("userId:u1");
        assertThat(change.profile().eventCount()).isEqualTo(1);
        assertThat(change.profile().version()).isEqualTo(2);
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

    @Test
    void givenIdentifyEvents_whenApplying_thenTraitsAreLastWriterWinsByEventTime() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(List.of(
                onChannel("web", identify("m1", T0.plusSeconds(20), Map.of("tier", "gold", "city", "Paris"))),
                onChannel("web", identify("m2", T0.plusSeconds(10), Map.of("tier", "silver", "name", "Ann"))),
                onChannel("web", identify("m3", T0.plusSeconds(30), Map.of("city", "Rome"))))).profile();

        assertThat(profile.traits()).containsOnlyKeys("tier", "city", "name");
        assertThat(profile.traits().get("tier")).isEqualTo(new TimedValue("gold", T0.plusSeconds(20)));
        assertThat(profile.traits().get("city")).isEqualTo(new TimedValue("Rome", T0.plusSeconds(30)));
        assertThat(profile.traits().get("name")).isEqualTo(new TimedValue("Ann", T0.plusSeconds(10)));
    }

    @Test
    void givenTraitsInContextOfAnyEvent_whenApplying_thenTakesThem() {
        ConsumerEvent track = withContext(event("m1", null, "a1", T0), Map.of("traits", Map.of("plan", "pro")));

        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(List.of(onChannel("web", track))).profile();

        assertThat(profile.traits()).containsEntry("plan", new TimedValue("pro", T0));
    }

    @Test
    void givenTraitsOfACallOtherThanIdentify_whenApplying_thenIgnoresThem() {
        ConsumerEvent group = new ConsumerEvent(EventType.GROUP, "m1", "u1", null, null, null, "g1", null, T0, T0,
                null, null, null, Map.of("employees", 120));

        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(List.of(onChannel("web", group))).profile();

        assertThat(profile.traits()).isEmpty();
        assertThat(profile.eventCount()).isEqualTo(1);
    }

    @Test
    void givenNullTraitValue_whenApplying_thenKeepsTheEarlierValue() {
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("tier", null);
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(List.of(
                onChannel("web", identify("m1", T0, Map.of("tier", "gold"))),
                onChannel("web", identify("m2", T0.plusSeconds(5), cleared)))).profile();

        assertThat(profile.traits()).containsEntry("tier", new TimedValue("gold", T0));
    }

    @Test
    void givenSameTraitSetAtTheSameTime_whenApplyingInEitherOrder_thenTheSameValueWins() {
        List<ChannelEvent> events = List.of(onChannel("web", identify("m1", T0, Map.of("tier", "gold"))),
                onChannel("app", identify("m2", T0, Map.of("tier", "silver"))));

        ConsumerProfile forward = ConsumerProfile.newProfile(KEY).apply(events).profile();
        ConsumerProfile backward = ConsumerProfile.newProfile(KEY).apply(List.of(events.get(1), events.get(0)))
                .profile();

        assertThat(forward.traits()).isEqualTo(backward.traits()).containsEntry("tier", new TimedValue("silver", T0));
    }

    @Test
    void givenConsentPreferencesInContext_whenApplying_thenRecordsThemForEveryChannelLastWriterWins() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).apply(List.of(
                onChannel("web", withConsent(event("m1", null, "a1", T0.plusSeconds(10)),
                        Map.of("marketing", true, "analytics", false))),
                onChannel("web", withConsent(event("m2", null, "a1", T0),
                        Map.of("marketing", false, "analytics", true, "ads", "yes"))))).profile();

        assertThat(profile.consent()).containsOnlyKeys("marketing/*", "analytics/*");
        assertThat(profile.consentFor("marketing", "email")).contains(true);
        assertThat(profile.consentFor("analytics", "web")).contains(false);
        assertThat(profile.consentFor("ads", "web")).isEmpty();
    }

    @Test
    void givenGeneralAndChannelConsent_whenAsking_thenAChannelRefusalStandsAndAGlobalOptOutEndsGrants() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY)
                .withConsent("marketing", "*", true, T0)
                .withConsent("marketing", "sms", false, T0.plusSeconds(10));

        assertThat(profile.consentFor("marketing", "sms")).contains(false);
        assertThat(profile.consentFor("marketing", "email")).contains(true);

        ConsumerProfile restated = profile.withConsent("marketing", "*", true, T0.plusSeconds(20));
        assertThat(restated.consentFor("marketing", "sms")).as("a later grant for every channel").contains(false);

        ConsumerProfile smsGranted = restated.withConsent("marketing", "sms", true, T0.plusSeconds(30));
        assertThat(smsGranted.consentFor("marketing", "sms")).contains(true);

        ConsumerProfile optedOut = smsGranted.withConsent("marketing", "*", false, T0.plusSeconds(40));
        assertThat(optedOut.consentFor("marketing", "sms")).contains(false);
        assertThat(optedOut.consentFor("marketing", "email")).contains(false);
    }

    @Test
    void givenOlderConsentStatement_whenRecording_thenTheNewerOneStaysAndVersionGrows() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY).withConsent("marketing", "*", false, T0);

        ConsumerProfile next = profile.withConsent("marketing", "*", true, T0.minusSeconds(60));

        assertThat(next.consentFor("marketing", "web")).contains(false);
        assertThat(profile.version()).isEqualTo(1);
        assertThat(next.version()).isEqualTo(2);
    }

    @Test
    void givenTwoProfiles_whenAbsorbing_thenFactsCombineAndVersionStays() {
        ConsumerProfile survivor = ConsumerProfile.newProfile(KEY).apply(List.of(
                        onChannel("web", identify("m1", T0, Map.of("tier", "silver", "city", "Paris"))),
                        onChannel("web", event("m2", "u1", null, T0.plusSeconds(10)))),
                List.of(id(IdentifierType.USER_ID, "u1"))).profile()
                .withConsent("marketing", "*", true, T0.plusSeconds(10));
        ConsumerProfile other = ConsumerProfile.newProfile(new ConsumerKey("acme", "c_2")).apply(List.of(
                        onChannel("app", identify("m3", T0.plusSeconds(5), Map.of("tier", "gold", "city", "Rome"))),
                        onChannel("pos", event("m4", null, "a1", T0.plusSeconds(60)))),
                List.of(id(IdentifierType.ANONYMOUS_ID, "a1"))).profile()
                .withConsent("marketing", "*", false, T0.plusSeconds(5));

        ConsumerProfile merged = survivor.absorb(List.of(other), TODAY);

        assertThat(merged.key()).isEqualTo(KEY);
        assertThat(merged.version()).isEqualTo(survivor.version());
        assertThat(merged.eventCount()).isEqualTo(4);
        assertThat(merged.firstSeen()).isEqualTo(T0);
        assertThat(merged.lastSeen()).isEqualTo(T0.plusSeconds(60));
        assertThat(merged.channels()).containsExactly("app", "pos", "web");
        assertThat(merged.identifiers()).containsExactly("anonymousId:a1", "userId:u1");
        assertThat(merged.traits()).containsEntry("tier", new TimedValue("gold", T0.plusSeconds(5)))
                .containsEntry("city", new TimedValue("Rome", T0.plusSeconds(5)));
        assertThat(merged.consentFor("marketing", "web")).contains(true);
        assertThat(merged.mergedFrom()).containsExactly("c_2");
        assertThat(merged.merged()).isFalse();
        assertThat(List.of("m1", "m2", "m3", "m4")).allMatch(m -> merged.recentMessages().contains(m));
    }

    @Test
    void givenAbsorbedProfile_whenItsEventsAreRedelivered_thenTheyAreDuplicates() {
        List<ChannelEvent> othersEvents = List.of(onChannel("web", event("m2", null, "a1", T0)));
        ConsumerProfile other = ConsumerProfile.newProfile(new ConsumerKey("acme", "c_2")).apply(othersEvents)
                .profile();
        ConsumerProfile survivor = ConsumerProfile.newProfile(KEY)
                .apply(List.of(onChannel("web", event("m1", "u1", null, T0)))).profile();

        var redelivery = survivor.absorb(List.of(other), TODAY).apply(othersEvents);

        assertThat(redelivery.applied()).isZero();
        assertThat(redelivery.duplicates()).isEqualTo(1);
        assertThat(redelivery.profile().eventCount()).isEqualTo(2);
    }

    @Test
    void givenProfileThatAbsorbedOthers_whenAbsorbedInTurn_thenTheSurvivorInheritsItsMergedFrom() {
        ConsumerProfile c3 = ConsumerProfile.newProfile(new ConsumerKey("acme", "c_3"))
                .apply(List.of(onChannel("web", event("m3", null, "a3", T0)))).profile();
        ConsumerProfile c2 = ConsumerProfile.newProfile(new ConsumerKey("acme", "c_2"))
                .apply(List.of(onChannel("web", event("m2", null, "a2", T0)))).profile().absorb(List.of(c3), TODAY);
        ConsumerProfile c1 = ConsumerProfile.newProfile(KEY)
                .apply(List.of(onChannel("web", event("m1", null, "a1", T0)))).profile();

        ConsumerProfile merged = c1.absorb(List.of(c2), TODAY);

        assertThat(merged.mergedFrom()).containsExactly("c_2", "c_3");
        assertThat(merged.eventCount()).isEqualTo(3);
    }

    @Test
    void givenNewProfile_whenAbsorbingAProfileNeverSeen_thenSeenRangeStaysOpen() {
        ConsumerProfile merged = ConsumerProfile.newProfile(KEY)
                .absorb(List.of(ConsumerProfile.newProfile(new ConsumerKey("acme", "c_2"))), TODAY);

        assertThat(merged.firstSeen()).isNull();
        assertThat(merged.lastSeen()).isNull();
        assertThat(merged.eventCount()).isZero();
    }

    @Test
    void givenProfile_whenRedirecting_thenKeepsOnlyTheRedirectAndBumpsTheVersion() {
        ConsumerProfile profile = ConsumerProfile.newProfile(new ConsumerKey("acme", "c_2")).apply(List.of(
                        onChannel("web", withConsent(identify("m1", T0, Map.of("tier", "gold")),
                                Map.of("marketing", true)))),
                List.of(id(IdentifierType.ANONYMOUS_ID, "a1"))).profile();

        ConsumerProfile redirect = profile.redirectTo("c_1");

        assertThat(redirect.merged()).isTrue();
        assertThat(redirect.mergedInto()).isEqualTo("c_1");
        assertThat(redirect.key()).isEqualTo(profile.key());
        assertThat(redirect.version()).isEqualTo(profile.version() + 1);
        assertThat(redirect.eventCount()).isZero();
        assertThat(redirect.firstSeen()).isNull();
        assertThat(redirect.lastSeen()).isNull();
        assertThat(redirect.channels()).isEmpty();
        assertThat(redirect.identifiers()).isEmpty();
        assertThat(redirect.traits()).isEmpty();
        assertThat(redirect.consent()).isEmpty();
        assertThat(redirect.mergedFrom()).isEmpty();
        assertThat(redirect.recentMessages().size()).isZero();
    }

    @Test
    void givenProfile_whenReadingItsCollections_thenTheyCannotBeModified() {
        ConsumerProfile profile = ConsumerProfile.newProfile(KEY)
                .apply(List.of(onChannel("web", identify("m1", T0, Map.of("tier", "gold"))))).profile();

        assertThatThrownBy(() -> profile.traits().put("x", new TimedValue(1, T0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> profile.identifiers().add("userId:x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> profile.mergedFrom().add("c_9")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Property
    void givenAnyPermutationOfEvents_whenApplying_thenProfileFactsAreTheSame(
            @ForAll("eventsWithRedeliveries") List<ChannelEvent> events, @ForAll Random random) {
        List<ChannelEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        List<Identifier> identifiers = List.of(id(IdentifierType.USER_ID, "u1"), id(IdentifierType.ANONYMOUS_ID, "a1"));

        var inOrder = ConsumerProfile.newProfile(KEY).apply(events, identifiers);
        var permuted = ConsumerProfile.newProfile(KEY).apply(shuffled, identifiers);

        assertThat(permuted.applied()).isEqualTo(inOrder.applied());
        assertThat(permuted.duplicates()).isEqualTo(inOrder.duplicates());
        assertThat(permuted.profile().eventCount()).isEqualTo(inOrder.profile().eventCount());
        assertThat(permuted.profile().firstSeen()).isEqualTo(inOrder.profile().firstSeen());
        assertThat(permuted.profile().lastSeen()).isEqualTo(inOrder.profile().lastSeen());
        assertThat(permuted.profile().channels()).isEqualTo(inOrder.profile().channels());
        assertThat(permuted.profile().identifiers()).isEqualTo(inOrder.profile().identifiers());
        assertThat(permuted.profile().traits()).isEqualTo(inOrder.profile().traits());
        assertThat(permuted.profile().consent()).isEqualTo(inOrder.profile().consent());
    }

    @Property
    void givenEventsSplitBetweenTwoProfiles_whenAbsorbing_thenFactsEqualApplyingAllToOne(
            @ForAll("eventsWithRedeliveries") List<ChannelEvent> events, @ForAll Random random) {
        List<ChannelEvent> distinct = events.stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.event().messageId(), e -> e, (a, b) -> a,
                        java.util.LinkedHashMap::new)).values().stream().toList();
        List<ChannelEvent> left = new ArrayList<>();
        List<ChannelEvent> right = new ArrayList<>();
        distinct.forEach(e -> (random.nextBoolean() ? left : right).add(e));

        ConsumerProfile all = ConsumerProfile.newProfile(KEY).apply(distinct).profile();
        ConsumerProfile merged = ConsumerProfile.newProfile(KEY).apply(left).profile()
                .absorb(List.of(ConsumerProfile.newProfile(new ConsumerKey("acme", "c_2")).apply(right).profile()), TODAY);

        assertThat(merged.eventCount()).isEqualTo(all.eventCount());
        assertThat(merged.firstSeen()).isEqualTo(all.firstSeen());
        assertThat(merged.lastSeen()).isEqualTo(all.lastSeen());
        assertThat(merged.channels()).isEqualTo(all.channels());
        assertThat(merged.traits()).isEqualTo(all.traits());
        assertThat(merged.consent()).isEqualTo(all.consent());
        assertThat(distinct).allMatch(e -> merged.recentMessages().contains(e.event().messageId()));
    }

    @Provide
    Arbitrary<List<ChannelEvent>> eventsWithRedeliveries() {
        Arbitrary<ChannelEvent> anyEvent = Combinators.combine(
                Arbitraries.of("web", "app", "pos", "delivery"),
                Arbitraries.of("u1", "u2").injectNull(0.5),
                Arbitraries.of("a1", "a2", "a3"),
                Arbitraries.longs().between(-86_400, 86_400),
                Arbitraries.of("gold", "silver", "bronze").injectNull(0.5),
                Arbitraries.of(true, false).injectNull(0.5)
        ).as((channel, userId, anonymousId, offset, tier, marketing) -> {
            ConsumerEvent event = tier == null
                    ? event("pending", userId, anonymousId, T0.plusSeconds(offset))
                    : identify("pending", T0.plusSeconds(offset), Map.of("tier", tier));
            return onChannel(channel, marketing == null ? event : withConsent(event, Map.of("marketing", marketing)));
        });
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

    private static Identifier id(IdentifierType type, String value) {
        return new Identifier(type, value);
    }

    private static ChannelEvent withMessageId(ChannelEvent channelEvent, String messageId) {
        ConsumerEvent e = channelEvent.event();
        return onChannel(channelEvent.channelId(), new ConsumerEvent(e.type(), messageId, e.userId(), e.anonymousId(),
                e.event(), e.name(), e.groupId(), e.previousId(), e.timestamp(), e.receivedAt(), e.context(),
                e.integrations(), e.properties(), e.traits()));
    }

    private static ChannelEvent onChannel(String channelId, ConsumerEvent event) {
        return new ChannelEvent(channelId, event);
    }

    private static ConsumerEvent event(String messageId, String userId, String anonymousId, Instant at) {
        return new ConsumerEvent(EventType.TRACK, messageId, userId, anonymousId, "Product Viewed", null, null,
                null, at, at, null, null, null, null);
    }

    private static ConsumerEvent identify(String messageId, Instant at, Map<String, Object> traits) {
        return new ConsumerEvent(EventType.IDENTIFY, messageId, null, "a1", null, null, null, null, at, at, null,
                null, null, traits);
    }

    private static ConsumerEvent withContext(ConsumerEvent e, Map<String, Object> context) {
        return new ConsumerEvent(e.type(), e.messageId(), e.userId(), e.anonymousId(), e.event(), e.name(),
                e.groupId(), e.previousId(), e.timestamp(), e.receivedAt(), context, e.integrations(), e.properties(),
                e.traits());
    }

    private static ConsumerEvent withConsent(ConsumerEvent e, Map<String, Object> preferences) {
        return withContext(e, Map.of("consent", Map.of("categoryPreferences", preferences)));
    }
}
