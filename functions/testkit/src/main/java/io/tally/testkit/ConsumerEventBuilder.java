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

    public ConsumerEvent build() {
        return new ConsumerEvent(type, messageId, userId, anonymousId, event, name, groupId, previousId, timestamp,
                receivedAt, Map.of(), Map.of(), Map.copyOf(properties), Map.copyOf(traits));
    }
}
