package io.tally.testkit;

import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Test-data builder for {@link ConsumerEvent}: {@code aTrackEvent().withAnonymousId("a1").build()}. */
public final class ConsumerEventBuilder {

    /** The instant every builder starts from, so tests are repeatable. */
    public static final Instant DEFAULT_TIME = Instant.parse("2026-11-25T09:00:00Z");

    private EventType type = EventType.TRACK;
    private String messageId = UUID.randomUUID().toString();
    private String userId;
    private String anonymousId = "anon-1";
    private String event = "Product Viewed";
    private String name;
    private String groupId;
    private String previousId;
    private Instant timestamp = DEFAULT_TIME;
    private Instant receivedAt = DEFAULT_TIME;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, Object> traits = new LinkedHashMap<>();
    private final Map<String, Object> context = new LinkedHashMap<>();

    private ConsumerEventBuilder() {
    }

    public static ConsumerEventBuilder aTrackEvent() {
        return new ConsumerEventBuilder();
    }

    public static ConsumerEventBuilder anIdentifyEvent() {
        return new ConsumerEventBuilder().withType(EventType.IDENTIFY).withEvent(null);
    }

    public ConsumerEventBuilder withType(EventType value) {
        this.type = value;
        return this;
    }

    public ConsumerEventBuilder withMessageId(String value) {
        this.messageId = value;
        return this;
    }

    public ConsumerEventBuilder withUserId(String value) {
        this.userId = value;
        return this;
    }

    public ConsumerEventBuilder withAnonymousId(String value) {
        this.anonymousId = value;
        return this;
    }

    public ConsumerEventBuilder withEvent(String value) {
        this.event = value;
        return this;
    }

    public ConsumerEventBuilder withName(String value) {
        this.name = value;
        return this;
    }

    public ConsumerEventBuilder withGroupId(String value) {
        this.groupId = value;
        return this;
    }

    public ConsumerEventBuilder withPreviousId(String value) {
        this.previousId = value;
        return this;
    }

    public ConsumerEventBuilder at(Instant value) {
        this.timestamp = value;
        this.receivedAt = value;
        return this;
    }

    public ConsumerEventBuilder withProperty(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    public ConsumerEventBuilder withTrait(String key, Object value) {
        traits.put(key, value);
        return this;
    }

    public ConsumerEventBuilder withTraits(Map<String, ?> values) {
        traits.putAll(values);
        return this;
    }

    /** Sets a top-level {@code context} field, e.g. {@code withContext("locale", "en-US")}. */
    public ConsumerEventBuilder withContext(String key, Object value) {
        context.put(key, value);
        return this;
    }

    /** Sets {@code context.traits.<key>}. */
    public ConsumerEventBuilder withContextTrait(String key, Object value) {
        nested("traits").put(key, value);
        return this;
    }

    /** Sets {@code context.device.id}. */
    public ConsumerEventBuilder withDeviceId(String value) {
        nested("device").put("id", value);
        return this;
    }

    /** Sets {@code context.consent.categoryPreferences.<purpose>}. */
    public ConsumerEventBuilder withConsent(String purpose, boolean granted) {
        @SuppressWarnings("unchecked")
        Map<String, Object> preferences = (Map<String, Object>) nested("consent")
                .computeIfAbsent("categoryPreferences", k -> new LinkedHashMap<String, Object>());
        preferences.put(purpose, granted);
        return this;
    }

    /** Sets {@code traits.email}; pass a token (events reach the processor with contact data hashed). */
    public ConsumerEventBuilder withEmail(String token) {
        return withTrait("email", token);
    }

    /** Sets {@code traits.phone}; pass a token (events reach the processor with contact data hashed). */
    public ConsumerEventBuilder withPhone(String token) {
        return withTrait("phone", token);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> nested(String key) {
        return (Map<String, Object>) context.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    public ConsumerEvent build() {
        return new ConsumerEvent(type, messageId, userId, anonymousId, event, name, groupId, previousId, timestamp,
                receivedAt, deepCopy(context), Map.of(), Map.copyOf(properties), Map.copyOf(traits));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
