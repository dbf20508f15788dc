package io.tally.testkit;

import io.tally.core.domain.access.ApiKey;
import io.tally.core.port.out.ApiKeyStorePort;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ApiKeyStorePort} in a map. */
public class InMemoryApiKeyStore implements ApiKeyStorePort {

    private final ConcurrentHashMap<String, ApiKey> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return Optional.ofNullable(keys.get(keyHash));
    }

    @Override
    public void insert(ApiKey key) {
        if (keys.putIfAbsent(key.keyHash(), key) != null) {
            throw new IllegalStateException("a key with this digest exists already");
        }
    }

    @Override
    public List<ApiKey> listByBrand(String brandId) {
        return keys.values().stream().filter(k -> k.brandId().equals(brandId))
                .sorted(Comparator.comparing(ApiKey::keyId)).toList();
    }

    @Override
    public void update(ApiKey key) {
        if (keys.replace(key.keyHash(), key) == null) {
            throw new IllegalStateException("no key with this digest");
        }
    }

    /** Replaces a stored key, e.g. to revoke it in a test. */
    public void replace(ApiKey key) {
        keys.put(key.keyHash(), key);
    }
}
