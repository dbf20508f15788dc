package io.tally.core.domain.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives the id of a new consumer from its strongest identifier. The id is a digest, so it reveals nothing, and
 * concurrent processors that meet the same new identifier propose the same id.
 */
public final class ConsumerIds {

    private static final HexFormat HEX = HexFormat.of();

    private ConsumerIds() {
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
