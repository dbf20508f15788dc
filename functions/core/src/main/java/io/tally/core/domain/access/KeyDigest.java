package io.tally.core.domain.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Digests raw API keys. Keys are 256-bit random secrets, so an unsalted SHA-256 is a sound at-rest form:
 * there is nothing to brute-force. Digests are compared in constant time.
 */
public final class KeyDigest {

    private KeyDigest() {
    }

    public static String of(String rawKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static boolean matches(String rawKey, String storedHash) {
        return MessageDigest.isEqual(of(rawKey).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
