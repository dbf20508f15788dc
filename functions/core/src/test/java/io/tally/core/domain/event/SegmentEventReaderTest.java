package io.tally.core.domain.event;

import io.tally.core.domain.event.SegmentEventReader.BatchReadResult;
import io.tally.core.domain.event.SegmentEventReader.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SegmentEventReaderTest {

    private static final Instant RECEIVED_AT = Instant.parse("2026-11-25T10:00:10Z");

    private final AtomicInteger generatedIds = new AtomicInteger();
    private final SegmentEventReader reader =
            new SegmentEventReader(() -> "generated-" + generatedIds.incrementAndGet());

    @Test
    void givenTrackWithEventName_whenReadSingle_thenReadsEveryField() {
        var body = body("type", "track", "userId", "u1", "anonymousId", "a1", "event", "Order Completed",
                "messageId", "m1", "timestamp", "2026-11-25T09:00:00Z",
                "properties", Map.of("revenue", 10), "context", Map.of("ip", "10.0.0.1"),
                "integrations", Map.of("All", true));

        ConsumerEvent event = reader.readSingle(body, EventType.TRACK, RECEIVED_AT);

        assertThat(event.type()).isEqualTo(EventType.TRACK);
        assertThat(event.userId()).isEqualTo("u1");
        assertThat(event.anonymousId()).isEqualTo("a1");
        assertThat(event.event()).isEqualTo("Order Completed");
        assertThat(event.messageId()).isEqualTo("m1");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
        assertThat(event.properties()).containsExactly(Map.entry("revenue", 10));
        assertThat(event.context()).containsExactly(Map.entry("ip", "10.0.0.1"));
        assertThat(event.integrations()).containsExactly(Map.entry("All", true));
    }

    @Test
    void givenTrackWithoutEvent_whenReadSingle_thenRejectsEventAsRequired() {
        var errors = errorsOf(body("userId", "u1"), EventType.TRACK);

        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactly(tuple("event", "required"));
    }

    @Test
    void givenGroupWithGroupId_whenReadSingle_thenReadsGroupIdAndTraits() {
        var body = body("userId", "u1", "groupId", "g1", "traits", Map.of("plan", "gold"));

        ConsumerEvent event = reader.readSingle(body, EventType.GROUP, RECEIVED_AT);

        assertThat(event.type()).isEqualTo(EventType.GROUP);
        assertThat(event.groupId()).isEqualTo("g1");
        assertThat(event.traits()).containsExactly(Map.entry("plan", "gold"));
    }

    @Test
    void givenGroupWithoutGroupId_whenReadSingle_thenRejectsGroupIdAsRequired() {
        var errors = errorsOf(body("userId", "u1"), EventType.GROUP);

        assertThat(errors).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("groupId", "required"));
    }

    @Test
    void givenAliasWithPreviousId_whenReadSingle_thenReadsPreviousId() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1", "previousId", "a1"), EventType.ALIAS,
                RECEIVED_AT);

        assertThat(event.type()).isEqualTo(EventType.ALIAS);
        assertThat(event.previousId()).isEqualTo("a1");
    }

    @Test
    void givenAliasWithoutPreviousId_whenReadSingle_thenRejectsPreviousIdAsRequired() {
        var errors = errorsOf(body("userId", "u1"), EventType.ALIAS);

        assertThat(errors).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("previousId", "required"));
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"IDENTIFY", "PAGE", "SCREEN"})
    void givenTypeWithoutRequiredName_whenReadSingleWithoutBodyType_thenAcceptsWithTheEndpointType(EventType type) {
        ConsumerEvent event = reader.readSingle(body("anonymousId", "a1"), type, RECEIVED_AT);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.anonymousId()).isEqualTo("a1");
    }

    @Test
    void givenPageWithName_whenReadSingle_thenReadsNameAndProperties() {
        ConsumerEvent event = reader.readSingle(
                body("type", "page", "anonymousId", "a1", "name", "Home", "properties", Map.of("path", "/")),
                EventType.PAGE, RECEIVED_AT);

        assertThat(event.name()).isEqualTo("Home");
        assertThat(event.properties()).containsEntry("path", "/");
    }

    @Test
    void givenIdentifyWithTraits_whenReadSingle_thenReadsTraits() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1", "traits", Map.of("email", "x@example.com")),
                EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.traits()).containsExactly(Map.entry("email", "x@example.com"));
    }

    @Test
    void givenEventWithoutIds_whenReadSingle_thenRejectsUserIdAsRequired() {
        var errors = errorsOf(body("traits", Map.of()), EventType.IDENTIFY);

        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactly(tuple("userId", "required"));
    }

    @Test
    void givenOnlyAnonymousId_whenReadSingle_thenAcceptsWithoutUserId() {
        ConsumerEvent event = reader.readSingle(body("anonymousId", "a1"), EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.userId()).isNull();
        assertThat(event.anonymousId()).isEqualTo("a1");
    }

    @Test
    void givenNumericUserId_whenReadSingle_thenAcceptsItAsString() {
        ConsumerEvent small = reader.readSingle(body("userId", 42), EventType.IDENTIFY, RECEIVED_AT);
        ConsumerEvent large = reader.readSingle(body("userId", 12_345_678_901L), EventType.IDENTIFY, RECEIVED_AT);

        assertThat(small.userId()).isEqualTo("42");
        assertThat(large.userId()).isEqualTo("12345678901");
    }

    @Test
    void givenNumericAnonymousIdAndMessageId_whenReadSingle_thenAcceptsThemAsStrings() {
        ConsumerEvent event = reader.readSingle(body("anonymousId", 7, "messageId", 99), EventType.IDENTIFY,
                RECEIVED_AT);

        assertThat(event.anonymousId()).isEqualTo("7");
        assertThat(event.messageId()).isEqualTo("99");
    }

    @Test
    void givenUserIdOfWrongType_whenReadSingle_thenRejectsItAsInvalidTypeOnly() {
        var errors = errorsOf(body("userId", true), EventType.IDENTIFY);

        assertThat(errors).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("userId", "invalid_type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"properties", "traits", "context", "integrations"})
    void givenObjectFieldOfWrongType_whenReadSingle_thenRejectsItAsInvalidTypeWithItsPath(String field) {
        var errors = errorsOf(body("userId", "u1", "event", "Clicked", field, "not-an-object"), EventType.TRACK);

        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactly(tuple(field, "invalid_type"));
    }

    @Test
    void givenPropertiesAsArray_whenReadSingle_thenRejectsThemAsInvalidType() {
        var errors = errorsOf(body("userId", "u1", "event", "Clicked", "properties", List.of(1, 2)), EventType.TRACK);

        assertThat(errors).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("properties", "invalid_type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void givenBlankUserId_whenReadSingle_thenRejectsItAsBlank(String blank) {
        var errors = errorsOf(body("userId", blank), EventType.IDENTIFY);

        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactly(tuple("userId", "blank"));
    }

    @Test
    void givenBlankAnonymousIdBesideValidUserId_whenReadSingle_thenRejectsAnonymousIdAsBlank() {
        var errors = errorsOf(body("userId", "u1", "anonymousId", "  "), EventType.IDENTIFY);

        assertThat(errors).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("anonymousId", "blank"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"userId", "anonymousId", "messageId", "groupId", "previousId", "event", "name"})
    void givenFieldLongerThanMaximum_whenReadSingle_thenRejectsItAsTooLong(String field) {
        var body = body("userId", "u1", "event", "Clicked");
        body.put(field, "x".repeat(SegmentEventReader.MAX_ID_LENGTH + 1));

        var errors = errorsOf(body, EventType.TRACK);

        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactly(tuple(field, "too_long"));
    }

    @Test
    void givenIdsOfExactlyTheMaximumLength_whenReadSingle_thenAcceptsThem() {
        String longest = "x".repeat(SegmentEventReader.MAX_ID_LENGTH);

        ConsumerEvent event = reader.readSingle(body("userId", longest, "anonymousId", longest, "messageId", longest),
                EventType.IDENTIFY, RECEIVED_AT);

        assertThat(SegmentEventReader.MAX_ID_LENGTH).isEqualTo(255);
        assertThat(event.userId()).isEqualTo(longest);
        assertThat(event.anonymousId()).isEqualTo(longest);
        assertThat(event.messageId()).isEqualTo(longest);
    }

    @Test
    void givenBodyTypeDisagreeingWithEndpoint_whenReadSingle_thenRejectsType() {
        var errors = errorsOf(body("type", "identify", "userId", "u1", "event", "Clicked"), EventType.TRACK);

        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactly(tuple("type", "invalid_value"));
        assertThat(errors.get(0).message()).contains("identify", "/v1/track");
    }

    @ParameterizedTest
    @MethodSource("unknownTypes")
    void givenUnknownBodyType_whenReadSingle_thenRejectsType(Object type) {
        var errors = errorsOf(body("type", type, "userId", "u1"), EventType.IDENTIFY);

        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactly(tuple("type", "invalid_value"));
    }

    static Stream<Object> unknownTypes() {
        return Stream.of("purchase", "TRACK", 3, Map.of());
    }

    @ParameterizedTest
    @MethodSource("badTimestamps")
    void givenBadTimestamp_whenReadSingle_thenRejectsItAsInvalidTimestamp(String field, Object value) {
        var errors = errorsOf(body("userId", "u1", field, value), EventType.IDENTIFY);

        assertThat(errors).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple(field, "invalid_timestamp"));
    }

    static Stream<Object[]> badTimestamps() {
        return Stream.of("timestamp", "originalTimestamp", "sentAt").flatMap(field -> Stream.of(
                new Object[]{field, "yesterday"},
                new Object[]{field, "2026-11-25T10:00:00"},
                new Object[]{field, "2026-13-01T00:00:00Z"},
                new Object[]{field, 1_764_064_800L}));
    }

    @Test
    void givenTimestampWithOffset_whenReadSingle_thenConvertsToInstant() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1", "timestamp", "2026-11-25T12:00:00.250+02:00"),
                EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-25T10:00:00.250Z"));
    }

    @Test
    void givenNoMessageId_whenReadSingle_thenUsesGeneratedMessageId() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1"), EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.messageId()).isEqualTo("generated-1");
        assertThat(generatedIds).hasValue(1);
    }

    @Test
    void givenMessageId_whenReadSingle_thenKeepsItAndGeneratesNone() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1", "messageId", "sent-id"), EventType.IDENTIFY,
                RECEIVED_AT);

        assertThat(event.messageId()).isEqualTo("sent-id");
        assertThat(generatedIds).hasValue(0);
    }

    @Test
    void givenOriginalTimestampAndSentAt_whenReadSingle_thenCorrectsClockSkew() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1",
                "originalTimestamp", "2026-11-25T10:00:00Z", "sentAt", "2026-11-25T10:00:05Z"),
                EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-25T10:00:05Z"));
        assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
    }

    @Test
    void givenDeviceClockAheadOfServer_whenReadSingle_thenCorrectsClockSkewBackwards() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1",
                "originalTimestamp", "2026-11-25T11:00:00Z", "sentAt", "2026-11-25T11:00:02Z"),
                EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-25T10:00:08Z"));
    }

    @Test
    void givenExplicitTimestamp_whenReadSingle_thenTimestampWinsOverSkewCorrection() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1", "timestamp", "2026-11-25T08:00:00Z",
                "originalTimestamp", "2026-11-25T10:00:00Z", "sentAt", "2026-11-25T10:00:05Z"),
                EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
    }

    @Test
    void givenOnlyOriginalTimestamp_whenReadSingle_thenUsesItAsIs() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1", "originalTimestamp", "2026-11-25T09:59:00Z"),
                EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-25T09:59:00Z"));
    }

    @Test
    void givenNoTimestamps_whenReadSingle_thenUsesReceivedAt() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1"), EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.timestamp()).isEqualTo(RECEIVED_AT);
    }

    @Test
    void givenOnlySentAt_whenReadSingle_thenUsesReceivedAt() {
        ConsumerEvent event = reader.readSingle(body("userId", "u1", "sentAt", "2026-11-25T09:00:00Z"),
                EventType.IDENTIFY, RECEIVED_AT);

        assertThat(event.timestamp()).isEqualTo(RECEIVED_AT);
    }

    @Test
    void givenSeveralProblems_whenReadSingle_thenReportsEveryOne() {
        var body = body("type", "track", "properties", "x", "timestamp", "soon", "messageId", " ");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> reader.readSingle(body, EventType.TRACK, RECEIVED_AT));

        assertThat(e.errors()).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
                tuple("userId", "required"),
                tuple("messageId", "blank"),
                tuple("event", "required"),
                tuple("properties", "invalid_type"),
                tuple("timestamp", "invalid_timestamp"));
        assertThat(e.getMessage()).contains("(and 4 more)");
        assertThat(generatedIds).hasValue(0);
    }

    @Test
    void givenBatchLevelContextAndIntegrations_whenReadBatch_thenMergesThemIntoEachEventWithEventLevelKeysWinning() {
        var body = body(
                "context", Map.of("library", "batch-lib", "ip", "10.0.0.1"),
                "integrations", Map.of("All", false, "Mixpanel", true),
                "batch", List.of(
                        body("type", "identify", "userId", "u1", "context", Map.of("ip", "192.168.0.9"),
                                "integrations", Map.of("All", true)),
                        body("type", "identify", "userId", "u2")));

        BatchReadResult result = reader.readBatch(body, RECEIVED_AT);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.accepted()).hasSize(2);
        assertThat(result.accepted().get(0).context())
                .containsOnly(Map.entry("library", "batch-lib"), Map.entry("ip", "192.168.0.9"));
        assertThat(result.accepted().get(0).integrations())
                .containsOnly(Map.entry("All", true), Map.entry("Mixpanel", true));
        assertThat(result.accepted().get(1).context())
                .containsOnly(Map.entry("library", "batch-lib"), Map.entry("ip", "10.0.0.1"));
        assertThat(result.accepted().get(1).integrations())
                .containsOnly(Map.entry("All", false), Map.entry("Mixpanel", true));
    }

    @Test
    void givenBatchLevelSentAt_whenReadBatch_thenUsesItForClockSkew() {
        var body = body("sentAt", "2026-11-25T10:00:05Z", "batch", List.of(
                body("type", "identify", "userId", "u1", "originalTimestamp", "2026-11-25T10:00:00Z")));

        BatchReadResult result = reader.readBatch(body, RECEIVED_AT);

        assertThat(result.accepted()).singleElement()
                .extracting(ConsumerEvent::timestamp).isEqualTo(Instant.parse("2026-11-25T10:00:05Z"));
    }

    @Test
    void givenEventLevelSentAt_whenReadBatch_thenItWinsOverBatchLevelSentAt() {
        var body = body("sentAt", "2026-11-25T10:00:05Z", "batch", List.of(
                body("type", "identify", "userId", "u1", "originalTimestamp", "2026-11-25T10:00:00Z",
                        "sentAt", "2026-11-25T10:00:01Z")));

        BatchReadResult result = reader.readBatch(body, RECEIVED_AT);

        assertThat(result.accepted()).singleElement()
                .extracting(ConsumerEvent::timestamp).isEqualTo(Instant.parse("2026-11-25T10:00:09Z"));
    }

    @Test
    void givenInvalidItems_whenReadBatch_thenRejectsThemWithIndexAndPathAndKeepsValidOnesInOrder() {
        Map<String, Object> invalidTrack = body("type", "track", "userId", "u2");
        Map<String, Object> invalidIds = body("type", "identify", "userId", " ", "properties", 5);
        var body = body("batch", List.of(
                body("type", "identify", "userId", "u1", "messageId", "m0"),
                invalidTrack,
                body("type", "track", "userId", "u3", "event", "Clicked", "messageId", "m2"),
                invalidIds,
                body("type", "page", "anonymousId", "a4", "messageId", "m4")));

        BatchReadResult result = reader.readBatch(body, RECEIVED_AT);

        assertThat(result.accepted()).extracting(ConsumerEvent::messageId).containsExactly("m0", "m2", "m4");
        assertThat(result.rejected()).extracting(Rejection::index).containsExactly(1, 3);
        assertThat(result.rejected()).extracting(Rejection::raw).containsExactly(invalidTrack, invalidIds);
        assertThat(result.rejected().get(0).errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("batch[1].event", "required"));
        assertThat(result.rejected().get(1).errors()).extracting(FieldError::field, FieldError::code)
                .containsExactlyInAnyOrder(tuple("batch[3].userId", "blank"),
                        tuple("batch[3].properties", "invalid_type"));
    }

    @Test
    void givenNonObjectItem_whenReadBatch_thenRejectsItAndKeepsTheOthers() {
        var body = body("batch", List.of(
                body("type", "identify", "userId", "u1"), "not-an-event", body("type", "identify", "userId", "u2")));

        BatchReadResult result = reader.readBatch(body, RECEIVED_AT);

        assertThat(result.accepted()).extracting(ConsumerEvent::userId).containsExactly("u1", "u2");
        assertThat(result.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.index()).isEqualTo(1);
            assertThat(rejection.raw()).isEqualTo("not-an-event");
            assertThat(rejection.errors()).extracting(FieldError::field, FieldError::code)
                    .containsExactly(tuple("batch[1]", "invalid_type"));
        });
    }

    @Test
    void givenItemWithoutType_whenReadBatch_thenRejectsItsTypeAsRequired() {
        BatchReadResult result = reader.readBatch(body("batch", List.of(body("userId", "u1"))), RECEIVED_AT);

        assertThat(result.accepted()).isEmpty();
        assertThat(result.rejected()).singleElement().extracting(Rejection::errors).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.list(FieldError.class))
                .extracting(FieldError::field, FieldError::code).containsExactly(tuple("batch[0].type", "required"));
    }

    @Test
    void givenItemsWithoutMessageIds_whenReadBatch_thenEachGetsItsOwnGeneratedId() {
        var body = body("batch", List.of(body("type", "identify", "userId", "u1"),
                body("type", "identify", "userId", "u2")));

        BatchReadResult result = reader.readBatch(body, RECEIVED_AT);

        assertThat(result.accepted()).extracting(ConsumerEvent::messageId)
                .containsExactly("generated-1", "generated-2");
    }

    @Test
    void givenEmptyBatch_whenReadBatch_thenAcceptsAndRejectsNothing() {
        BatchReadResult result = reader.readBatch(body("batch", List.of()), RECEIVED_AT);

        assertThat(result.accepted()).isEmpty();
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void givenNoBatchArray_whenReadBatch_thenRejectsBatchAsRequired() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> reader.readBatch(body("userId", "u1"), RECEIVED_AT));

        assertThat(e.errors()).extracting(FieldError::field, FieldError::code).containsExactly(tuple("batch", "required"));
    }

    @ParameterizedTest
    @MethodSource("notArrays")
    void givenBatchThatIsNotAnArray_whenReadBatch_thenRejectsBatchAsInvalidType(Object batch) {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> reader.readBatch(body("batch", batch), RECEIVED_AT));

        assertThat(e.errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("batch", "invalid_type"));
    }

    static Stream<Object> notArrays() {
        return Stream.of("[]", 3, Map.of("0", Map.of("userId", "u1")));
    }

    @Test
    void givenMalformedBatchEnvelope_whenReadBatch_thenRejectsEveryEnvelopeField() {
        var body = body("context", "x", "integrations", List.of(), "sentAt", "later",
                "batch", List.of(body("type", "identify", "userId", "u1")));

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> reader.readBatch(body, RECEIVED_AT));

        assertThat(e.errors()).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
                tuple("context", "invalid_type"), tuple("integrations", "invalid_type"),
                tuple("sentAt", "invalid_timestamp"));
    }

    private List<FieldError> errorsOf(Map<String, Object> body, EventType pathType) {
        return assertThrows(InvalidEventException.class, () -> reader.readSingle(body, pathType, RECEIVED_AT))
                .errors();
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
