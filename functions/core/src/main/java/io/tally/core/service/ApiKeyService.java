package io.tally.core.service;

import io.tally.core.domain.access.ApiKey;
import io.tally.core.domain.access.AuthenticationFailedException;
import io.tally.core.domain.access.IssuedKey;
import io.tally.core.domain.access.KeyDigest;
import io.tally.core.domain.access.KeyNotFoundException;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.access.Principal;
import io.tally.core.port.in.AuthenticateUseCase;
import io.tally.core.port.in.IssueKeyUseCase;
import io.tally.core.port.in.ManageKeysUseCase;
import io.tally.core.port.out.ApiKeyStorePort;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Base64;
import java.util.HexFormat;

/** Issues API keys (256-bit random, stored only as a digest) and authenticates presented keys. */
public class ApiKeyService implements AuthenticateUseCase, IssueKeyUseCase, ManageKeysUseCase {

    private static final Base64.Encoder KEY_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final ApiKeyStorePort keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Duration cacheFor;
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(ApiKey key, Instant loadedAt) {
    }

    /**
     * @param cacheFor how long a found key is trusted without reading the store again (revocation and rotation
     *                 take up to this long to reach every gateway instance); {@link Duration#ZERO} disables it
     */
    public ApiKeyService(ApiKeyStorePort keys, Clock clock, Duration cacheFor) {
        this.keys = keys;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    public ApiKeyService(ApiKeyStorePort keys, Clock clock) {
        this(keys, clock, Duration.ZERO);
    }

    private java.util.Optional<ApiKey> find(String hash) {
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && now.isBefore(cached.loadedAt().plus(cacheFor))) {
            return java.util.Optional.of(cached.key());
        }
        java.util.Optional<ApiKey> found = keys.findByHash(hash);
        if (found.isPresent() && !cacheFor.isZero()) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(hash, new Cached(found.get(), now));
        }
        return found;
    }

    @Override
    public Principal authenticate(String rawKey, KeyRole requiredRole) {
        if (rawKey == null || rawKey.isBlank()) {
            throw new AuthenticationFailedException("an API key is required");
        }
        String hash = KeyDigest.of(rawKey);
        ApiKey key = find(hash)
                .filter(found -> KeyDigest.matches(rawKey, found.keyHash()))
                .orElseThrow(() -> new AuthenticationFailedException("unknown API key"));
        if (!key.activeAt(clock.instant())) {
            throw new AuthenticationFailedException("API key " + key.keyId() + " was revoked");
        }
        if (key.role() != requiredRole) {
            throw new AuthenticationFailedException("API key " + key.keyId() + " is a " + key.role()
                    + " key; this call needs a " + requiredRole + " key");
        }
        return new Principal(key.brandId(), key.channelId(), key.role(), key.keyId());
    }

    @Override
    public List<ApiKey> list(String brandId) {
        return keys.listByBrand(brandId);
    }

    @Override
    public IssuedKey create(String brandId, String channelId) {
        return issue(new IssueKeyCommand(brandId, channelId, KeyRole.WRITE));
    }

    @Override
    public IssuedKey rotate(String brandId, String keyId, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
        ApiKey old = writeKey(brandId, keyId);
        IssuedKey next = create(brandId, old.channelId());
        keys.update(old.endingAt(clock.instant().plus(grace)));
        cache.remove(old.keyHash());
        return next;
    }

    @Override
    public ApiKey revoke(String brandId, String keyId) {
        ApiKey revoked = writeKey(brandId, keyId).endingAt(clock.instant());
        keys.update(revoked);
        cache.remove(revoked.keyHash());
        return revoked;
    }

    private ApiKey writeKey(String brandId, String keyId) {
        return keys.listByBrand(brandId).stream()
                .filter(k -> k.keyId().equals(keyId) && k.role() == KeyRole.WRITE).findFirst()
                .orElseThrow(() -> new KeyNotFoundException(brandId, keyId));
    }

    @Override
    public IssuedKey issue(IssueKeyCommand command) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String rawKey = command.role().prefix() + KEY_ENCODING.encodeToString(secret);
        byte[] id = new byte[6];
        random.nextBytes(id);
        ApiKey key = new ApiKey("key_" + HexFormat.of().formatHex(id), KeyDigest.of(rawKey), command.brandId(),
                command.channelId(), command.role(), clock.instant(), null);
        keys.insert(key);
        return new IssuedKey(rawKey, key);
    }
}
