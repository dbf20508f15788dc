package io.tally.core.port.out;

import io.tally.core.domain.access.ApiKey;

import java.util.List;
import java.util.Optional;

/** Where API keys are kept, by the digest of the raw key, listable per brand. */
public interface ApiKeyStorePort {

    Optional<ApiKey> findByHash(String keyHash);

    /** Stores a new key; never overwrites one with the same digest. */
    void insert(ApiKey key);

    /** Every key of a brand, active or not, ordered by key id. */
    List<ApiKey> listByBrand(String brandId);

    /** Replaces a stored key (same digest), e.g. to set its end; fails if it does not exist. */
    void update(ApiKey key);
}
