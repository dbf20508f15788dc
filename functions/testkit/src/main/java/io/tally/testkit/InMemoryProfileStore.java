package io.tally.testkit;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.StaleProfileException;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link ProfileStorePort} in a map, with the same version check as the DynamoDB adapter. */
public class InMemoryProfileStore implements ProfileStorePort {

    private final ConcurrentHashMap<ConsumerKey, ConsumerProfile> profiles = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    @Override
    public Optional<ConsumerProfile> load(ConsumerKey key) {
        return Optional.ofNullable(profiles.get(key));
    }

    @Override
    public void save(ConsumerProfile profile) {
        profiles.compute(profile.key(), (key, stored) -> {
            long storedVersion = stored == null ? 0 : stored.version();
            if (storedVersion != profile.version() - 1) {
                throw new StaleProfileException(key);
            }
            writes.incrementAndGet();
            return profile;
        });
    }

    /** Successful writes so far. */
    public int writes() {
        return writes.get();
    }

    public int size() {
        return profiles.size();
    }
}
