package io.tally.core.domain.event;

import java.util.Locale;
import java.util.Optional;

/** The Segment Tracking API call types a channel can send. */
public enum EventType {
    IDENTIFY, TRACK, PAGE, SCREEN, GROUP, ALIAS;

    /** The wire name, as in {@code "type": "track"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventType> fromWireName(String value) {
        for (EventType type : values()) {
            if (type.wireName().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
