package io.tally.testkit;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.port.out.ProfileBatchLoadPort;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** {@link ProfileBatchLoadPort} over an {@link InMemoryProfileStore}. */
public class InMemoryProfileBatchLoader implements ProfileBatchLoadPort {

    private final InMemoryProfileStore profiles;

    public InMemoryProfileBatchLoader(InMemoryProfileStore profiles) {
        this.profiles = profiles;
    }

    @Override
    public Map<ConsumerKey, ConsumerProfile> loadAll(Collection<ConsumerKey> keys) {
        Map<ConsumerKey, ConsumerProfile> found = new HashMap<>();
        keys.forEach(key -> profiles.load(key).ifPresent(p -> found.put(key, p)));
        return found;
    }
}
