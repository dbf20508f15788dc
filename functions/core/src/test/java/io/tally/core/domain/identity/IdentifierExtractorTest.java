package io.tally.core.domain.identity;

import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierExtractorTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final String EMAIL = PiiHasher.TOKEN_PREFIX + "emailtoken";
    private static final String PHONE = PiiHasher.TOKEN_PREFIX + "phonetoken";

    @Test
    void givenEventWithEveryKindOfIdentifier_whenExtracting_thenGivesAllStrongestFirst() {
        ConsumerEvent event = event(EventType.IDENTIFY, "u1", "a1", null,
                Map.of("device", Map.of("id", "d1")), Map.of(),
                Map.of("memberId", "m1", "email", EMAIL, "phone", PHONE, "name", "Ann"));

        assertThat(IdentifierExtractor.extract("web", event)).containsExactly(
                new Identifier(IdentifierType.USER_ID, "u1"),
                new Identifier(IdentifierType.MEMBER, "web:m1"),
                new Identifier(IdentifierType.EMAIL, EMAIL),
                new Identifier(IdentifierType.PHONE, PHONE),
                new Identifier(IdentifierType.ANONYMOUS_ID, "a1"),
                new Identifier(IdentifierType.DEVICE, "d1"));
    }

    @Test
    void givenOnlyAnAnonymousId_whenExtracting_thenGivesJustIt() {
        assertThat(IdentifierExtractor.extract("web", event(EventType.TRACK, null, "a1", null, Map.of(), Map.of(),
                Map.of()))).containsExactly(new Identifier(IdentifierType.ANONYMOUS_ID, "a1"));
    }

    @Test
    void givenSameMemberIdOnTwoChannels_whenExtracting_thenScopesItToTheSendingChannel() {
        ConsumerEvent event = event(EventType.IDENTIFY, null, "a1", null, Map.of(), Map.of(), Map.of("memberId", "42"));

        assertThat(IdentifierExtractor.extract("pos", event)).contains(new Identifier(IdentifierType.MEMBER, "pos:42"))
                .doesNotContain(new Identifier(IdentifierType.MEMBER, "web:42"));
        assertThat(IdentifierExtractor.extract("web", event)).contains(new Identifier(IdentifierType.MEMBER, "web:42"));
    }

    @Test
    void givenNumericMemberId_whenExtracting_thenUsesItsText() {
        ConsumerEvent event = event(EventType.IDENTIFY, null, "a1", null, Map.of(), Map.of(), Map.of("memberId", 42));

        assertThat(IdentifierExtractor.extract("pos", event)).contains(new Identifier(IdentifierType.MEMBER, "pos:42"));
    }

    @Test
    void givenIdentifiersInContextTraitsAndProperties_whenExtracting_thenTakesThemToo() {
        ConsumerEvent event = event(EventType.TRACK, null, "a1", null,
                Map.of("traits", Map.of("email", EMAIL, "memberId", "m7")), Map.of("phone", PHONE), Map.of());

        assertThat(IdentifierExtractor.extract("app", event)).containsExactly(
                new Identifier(IdentifierType.MEMBER, "app:m7"),
                new Identifier(IdentifierType.EMAIL, EMAIL),
                new Identifier(IdentifierType.PHONE, PHONE),
                new Identifier(IdentifierType.ANONYMOUS_ID, "a1"));
    }

    @Test
    void givenSameIdentifierInSeveralPlaces_whenExtracting_thenGivesItOnce() {
        ConsumerEvent event = event(EventType.IDENTIFY, null, "a1", null, Map.of("traits", Map.of("email", EMAIL)),
                Map.of("email", EMAIL), Map.of("email", EMAIL));

        assertThat(IdentifierExtractor.extract("web", event)).containsExactly(
                new Identifier(IdentifierType.EMAIL, EMAIL), new Identifier(IdentifierType.ANONYMOUS_ID, "a1"));
    }

    @Test
    void givenRawContactDataNotYetTokenized_whenExtracting_thenIgnoresIt() {
        ConsumerEvent event = event(EventType.IDENTIFY, null, "a1", null, Map.of(), Map.of(),
                Map.of("email", "ann@example.com", "phone", "+8613800138000"));

        assertThat(IdentifierExtractor.extract("web", event))
                .containsExactly(new Identifier(IdentifierType.ANONYMOUS_ID, "a1"));
    }

    @Test
    void givenAliasCall_whenExtracting_thenTakesPreviousIdAsTheAnonymousIdItReplaces() {
        ConsumerEvent alias = event(EventType.ALIAS, "u1", null, "a-old", Map.of(), Map.of(), Map.of());

        assertThat(IdentifierExtractor.extract("web", alias)).containsExactly(
                new Identifier(IdentifierType.USER_ID, "u1"), new Identifier(IdentifierType.ANONYMOUS_ID, "a-old"));
    }

    @Test
    void givenPreviousIdOnACallOtherThanAlias_whenExtracting_thenIgnoresIt() {
        ConsumerEvent track = event(EventType.TRACK, "u1", null, "a-old", Map.of(), Map.of(), Map.of());

        assertThat(IdentifierExtractor.extract("web", track))
                .containsExactly(new Identifier(IdentifierType.USER_ID, "u1"));
    }

    @Test
    void givenBlankOrOverlongOrNonTextValues_whenExtracting_thenIgnoresThem() {
        ConsumerEvent event = event(EventType.IDENTIFY, "u1", null, null,
                Map.of("device", Map.of("id", " "), "traits", "not an object"), Map.of(),
                Map.of("memberId", "x".repeat(256), "email", 42, "phone", Map.of("raw", PHONE)));

        assertThat(IdentifierExtractor.extract("web", event))
                .containsExactly(new Identifier(IdentifierType.USER_ID, "u1"));
    }

    @Test
    void givenDeviceThatIsNotAnObject_whenExtracting_thenIgnoresIt() {
        ConsumerEvent event = event(EventType.TRACK, "u1", null, null, Map.of("device", "d1"), Map.of(), Map.of());

        assertThat(IdentifierExtractor.extract("web", event))
                .containsExactly(new Identifier(IdentifierType.USER_ID, "u1"));
    }

    private static ConsumerEvent event(EventType type, String userId, String anonymousId, String previousId,
                                       Map<String, Object> context, Map<String, Object> properties,
                                       Map<String, Object> traits) {
        return new ConsumerEvent(type, "m1", userId, anonymousId, null, null, null, previousId, T0, T0, context,
                Map.of(), properties, traits);
    }
}
