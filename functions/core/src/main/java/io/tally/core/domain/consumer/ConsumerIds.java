package io.tally.core.domain.consumer;

import io.tally.core.domain.event.ConsumerEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives a consumer id from the identifier an event carries: the channel's {@code userId} when known,
 * otherwise its {@code anonymousId}. The id is a digest, so it reveals nothing and is stable across
 * redeliveries and processor instances.
 */
public final class ConsumerIds {

    private static final HexFormat HEX = HexFormat.of();

    private ConsumerIds() {
    }

    public static ConsumerKey forEvent(String brandId, ConsumerEvent event) {
        return event.userId() != null
                ? forIdentifier(brandId, IdentifierType.USER_ID, event.userId())
                : forIdentifier(brandId, IdentifierType.ANONYMOUS_ID, event.anonymousId());
    }

    public static ConsumerKey forIdentifier(String brandId, IdentifierType type, String value) {
        byte[] digest = sha256(brandId + '\n' + type.wireName() + '\n' + value);
        return new ConsumerKey(brandId, "c_" + HEX.formatHex(digest, 0, 10));
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
