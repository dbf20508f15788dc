package io.tally.core.domain.consumer;

import java.util.Optional;

/**
 * Kinds of identifier a consumer is known by. Phone and email are only ever held as keyed hashes; member ids
 * are scoped to their channel ({@code member:<channel>:<id>}).
 */
public enum IdentifierType {
    USER_ID("userId"),
    MEMBER("member"),
    EMAIL("email"),
    PHONE("phone"),
    ANONYMOUS_ID("anonymousId"),
    DEVICE("device");

    private final String wireName;

    IdentifierType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in events, identifier keys and query parameters. */
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
