package io.tally.core.port.out;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;

import io.tally.core.domain.identity.Identifier;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Where consumer profiles are kept, with optimistic concurrency on {@link ConsumerProfile#version()}. */
public interface ProfileStorePort {

    Optional<ConsumerProfile> load(ConsumerKey key);

    /**
     * Writes {@code profile} if the stored version is still {@code profile.version() - 1} (absent for 1).
     *
     * @throws StaleProfileException when another writer got there first
     */
    void save(ConsumerProfile profile);

    /**
     * Writes a merge atomically: the survivor, the redirects of the merged-away profiles (each under the same
     * version check as {@link #save}) and the links of the merged-away consumers' identifiers, moved to the
     * survivor; either all are written or none.
     *
     * @param relinks identifier → the merged-away consumer it is linked to now
     * @throws StaleProfileException when any of them changed concurrently
     */
    void saveMerge(ConsumerProfile survivor, Collection<ConsumerProfile> redirects, Map<Identifier, String> relinks);

    /** Deletes a profile (erasure). */
    void delete(ConsumerKey key);
}
