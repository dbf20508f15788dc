package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tally.core.domain.access.ApiKey;

import java.time.Instant;

/**
 * An API key as the admin API lists it: never the key or its digest.
 *
 * @param key the raw key — only in the answer that issues it, never again
 */
@Serdeable
public record KeyView(String keyId, String channel, String role, Instant createdAt, @Nullable Instant revokedAt,
                      boolean active, @Nullable String key) {

    static KeyView of(ApiKey key, Instant now) {
        return new KeyView(key.keyId(), key.channelId(), key.role().name().toLowerCase(java.util.Locale.ROOT),
                key.createdAt(), key.revokedAt(), key.activeAt(now), null);
    }

    static KeyView issued(io.tally.core.domain.access.IssuedKey issued, Instant now) {
        KeyView view = of(issued.key(), now);
        return new KeyView(view.keyId, view.channel, view.role, view.createdAt, view.revokedAt, view.active,
                issued.rawKey());
    }
}
