package io.tally.core.domain.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored API key. Only the SHA-256 digest of the raw key is kept; the raw key is shown once, at issue.
 *
 * @param keyId     public id of the key (safe to log and list)
 * @param keyHash   hex SHA-256 of the raw key
 * @param brandId   brand the key belongs to
 * @param channelId channel a write key sends for; {@code *} for an admin key
 * @param role      what the key may do
 * @param createdAt when it was issued
 * @param revokedAt when it stops (or stopped) working, or null while it has no end; a rotated key keeps
 *                  working until the end of its grace period
 */
public record ApiKey(String keyId, String keyHash, String brandId, String channelId, KeyRole role,
                     Instant createdAt, Instant revokedAt) {

    /** Channel id of admin keys, which act for the whole brand. */
    public static final String ALL_CHANNELS = "*";

    public ApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the key still works at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt == null || now.isBefore(revokedAt);
    }

    /** This key, ending at {@code at} (or earlier if it already ends before). */
    public ApiKey endingAt(Instant at) {
        Instant end = revokedAt != null && revokedAt.isBefore(at) ? revokedAt : at;
        return new ApiKey(keyId, keyHash, brandId, channelId, role, createdAt, end);
    }
}
