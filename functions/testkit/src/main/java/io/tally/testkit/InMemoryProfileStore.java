package io.tally.testkit;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.StaleProfileException;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ProfileStorePort} in a map, with the same version checks as the DynamoDB adapter; merges move links in
 * the {@link InMemoryIdentityGraph} it is paired with, atomically.
 */
public class InMemoryProfileStore implements ProfileStorePort {

    private final ConcurrentHashMap<ConsumerKey, ConsumerProfile> profiles = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final InMemoryIdentityGraph graph;

    public InMemoryProfileStore(InMemoryIdentityGraph graph) {
        this.graph = graph;
    }

    public InMemoryProfileStore() {
        this(new InMemoryIdentityGraph());
    }

    public InMemoryIdentityGraph graph() {
        return graph;
    }

    @Override
    public Optional<ConsumerProfile> load(ConsumerKey key) {
        return Optional.ofNullable(profiles.get(key));
    }

    @Override
    public void save(ConsumerProfile profile) {
        synchronized (graph) {
            check(profile);
            profiles.put(profile.key(), profile);
            writes.incrementAndGet();
        }
    }

    @Override
    public void saveMerge(ConsumerProfile survivor, Collection<ConsumerProfile> redirects,
                          Map<Identifier, String> relinks) {
        synchronized (graph) {
            check(survivor);
            redirects.forEach(this::check);
            relinks.forEach((id, from) -> {
                if (!graph.linkedTo(survivor.key().brandId(), id, from)) {
                    throw new StaleProfileException(survivor.key());
                }
            });
            profiles.put(survivor.key(), survivor);
            redirects.forEach(r -> profiles.put(r.key(), r));
            relinks.forEach((id, from) -> graph.forceLink(survivor.key().brandId(), id, survivor.key().consumerId()));
            writes.incrementAndGet();
        }
    }

    @Override
    public void delete(ConsumerKey key) {
        profiles.remove(key);
    }

    private void check(ConsumerProfile profile) {
        ConsumerProfile stored = profiles.get(profile.key());
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != profile.version() - 1) {
            throw new StaleProfileException(profile.key());
        }
    }

    /** Successful writes so far (a merge counts once). */
    public int writes() {
        return writes.get();
    }

    public int size() {
        return profiles.size();
    }

    /** Every stored profile, redirects included. */
    public java.util.List<ConsumerProfile> all() {
        return java.util.List.copyOf(profiles.values());
    }

    /** Profiles that are live (not merged away). */
    public long liveProfiles(String brandId) {
        return profiles.values().stream().filter(p -> p.key().brandId().equals(brandId) && !p.merged()).count();
    }
}
