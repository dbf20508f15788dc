package io.tally.core.port.out;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;

import java.util.Optional;

/** Where consumer profiles are kept, with optimistic concurrency on {@link ConsumerProfile#version()}. */
public interface ProfileStorePort {

    Optional<ConsumerProfile> load(ConsumerKey key);

    /**
     * Writes {@code profile} if the stored version is still {@code profile.version() - 1} (absent for 0).
     *
     * @throws StaleProfileException when another writer got there first
     */
    void save(ConsumerProfile profile);
}
