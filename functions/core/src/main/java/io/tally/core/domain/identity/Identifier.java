package io.tally.core.domain.identity;

import io.tally.core.domain.consumer.IdentifierType;

import java.util.Objects;

/**
 * One identifier of a consumer within a brand, as stored: the raw value for ids a channel assigns, a keyed hash
 * for phone and email, {@code <channel>:<id>} for member ids.
 */
public record Identifier(IdentifierType type, String value) implements Comparable<Identifier> {

    public Identifier {
        Objects.requireNonNull(type, "type");
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("identifier value must not be empty");
        }
    }

    /** {@code type:value}, e.g. {@code anonymousId:a1}. */
    public String key() {
        return type.wireName() + ':' + value;
    }

    public static Identifier parse(String key) {
        int colon = key.indexOf(':');
        IdentifierType type = colon < 0 ? null : IdentifierType.fromWireName(key.substring(0, colon)).orElse(null);
        if (type == null) {
            throw new IllegalArgumentException("not an identifier key: " + key);
        }
        return new Identifier(type, key.substring(colon + 1));
    }

    /** Stronger identifiers first (the enum's order), then by value. */
    @Override
    public int compareTo(Identifier other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return key();
    }
}
