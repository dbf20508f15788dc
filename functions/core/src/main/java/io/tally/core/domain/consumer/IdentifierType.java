package io.tally.core.domain.consumer;

import java.util.Optional;

/** Kinds of identifier a channel sends for a consumer. */
public enum IdentifierType {
    USER_ID("userId"), ANONYMOUS_ID("anonymousId");

    private final String wireName;

    IdentifierType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in events and in query parameters. */
    public String wireName() {
        return wireName;
    }

    public static Optional<IdentifierType> fromWireName(String value) {
        for (IdentifierType type : values()) {
            if (type.wireName.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
