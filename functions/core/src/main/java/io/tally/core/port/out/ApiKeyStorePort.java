package io.tally.core.port.out;

import io.tally.core.domain.access.ApiKey;

import java.util.Optional;

/** Where API keys are kept, by the digest of the raw key. */
public interface ApiKeyStorePort {

    Optional<ApiKey> findByHash(String keyHash);

    /** Stores a new key; never overwrites one with the same digest. */
    void insert(ApiKey key);
}
