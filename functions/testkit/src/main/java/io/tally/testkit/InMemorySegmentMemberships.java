package io.tally.testkit;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.InvalidCursorException;
import io.tally.core.domain.segment.Member;
import io.tally.core.domain.segment.MemberPage;
import io.tally.core.domain.segment.Membership;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.ProfileGuard;
import io.tally.core.port.out.MembershipConflictException;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.SegmentMembershipPort;
import io.tally.core.port.out.StaleProfileException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link SegmentMembershipPort} in maps, with the DynamoDB adapter's semantics: each change applies only if the stored
 * membership is still its {@code before} and the profile store still satisfies the call's {@link ProfileGuard}, all
 * changes of one call or none, and per-version counts move with them.
 * Counts successful writes (a change is one write) for tests of write costs.
 */
public class InMemorySegmentMemberships implements SegmentMembershipPort {

    private final Map<ConsumerKey, Map<String, Membership>> byConsumer = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final ProfileStorePort profiles;

    /** @param profiles the profiles the {@link ProfileGuard}s of {@link #apply} are checked against */
    public InMemorySegmentMemberships(ProfileStorePort profiles) {
        this.profiles = profiles;
    }

    @Override
    public synchronized Map<String, Membership> load(ConsumerKey consumer) {
        return new TreeMap<>(byConsumer.getOrDefault(consumer, Map.of()));
    }

    @Override
    public synchronized void apply(ConsumerKey consumer, ProfileGuard guard, List<MembershipChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Optional<ConsumerProfile> profile = guard.kind() == ProfileGuard.Kind.NONE ? Optional.empty()
                : profiles.load(consumer);
        boolean holds = switch (guard.kind()) {
            case NONE -> true;
            case ABSENT -> profile.isEmpty();
            case AT_VERSION -> profile.isPresent() && profile.get().version() == guard.version();
        };
        if (!holds) {
            throw new StaleProfileException(consumer);
        }
        Map<String, Membership> stored = byConsumer.getOrDefault(consumer, Map.of());
        for (MembershipChange change : changes) {
            if (!Objects.equals(versionOf(stored.get(change.segmentId())), versionOf(change.before()))) {
                throw new MembershipConflictException("memberships of " + consumer + " changed since they were read",
                        null);
            }
        }
        Map<String, Membership> next = byConsumer.computeIfAbsent(consumer, k -> new TreeMap<>());
        for (MembershipChange change : changes) {
            if (change.before() != null) {
                counts.merge(countKey(consumer.brandId(), change.segmentId(), change.before().version()), -1L,
                        Long::sum);
            }
            if (change.after() != null) {
                next.put(change.segmentId(), change.after());
                counts.merge(countKey(consumer.brandId(), change.segmentId(), change.after().version()), 1L,
                        Long::sum);
            } else {
                next.remove(change.segmentId());
            }
            writes.incrementAndGet();
        }
    }

    private static Long versionOf(Membership membership) {
        return membership == null ? null : membership.version();
    }

    private static String countKey(String brandId, String segmentId, long version) {
        return brandId + "\n" + segmentId + "\n" + version;
    }

    @Override
    public synchronized long size(String brandId, String segmentId, long version) {
        return counts.getOrDefault(countKey(brandId, segmentId, version), 0L);
    }

    @Override
    public synchronized MemberPage members(String brandId, String segmentId, long version, int limit,
                                           String cursor) {
        if (cursor != null && !cursor.startsWith("after:")) {
            throw new InvalidCursorException("not a cursor of this listing", null);
        }
        String after = cursor == null ? null : cursor.substring("after:".length());
        TreeMap<String, Member> sorted = new TreeMap<>();
        byConsumer.forEach((consumer, memberships) -> {
            Membership membership = memberships.get(segmentId);
            if (consumer.brandId().equals(brandId) && membership != null && membership.version() == version) {
                sorted.put(consumer.consumerId(), new Member(consumer.consumerId(), membership.enteredAt()));
            }
        });
        List<Member> page = new ArrayList<>((after == null ? sorted : sorted.tailMap(after, false)).values());
        if (page.size() <= limit) {
            return new MemberPage(page, null);
        }
        List<Member> first = page.subList(0, limit);
        return new MemberPage(first, "after:" + first.get(limit - 1).consumerId());
    }

    /** Every stored membership, by consumer (for scans). */
    public synchronized Map<ConsumerKey, Map<String, Membership>> all() {
        Map<ConsumerKey, Map<String, Membership>> copy = new HashMap<>();
        byConsumer.forEach((consumer, memberships) -> copy.put(consumer, new TreeMap<>(memberships)));
        return copy;
    }

    /** Membership writes so far (one per enter or exit). */
    public int writes() {
        return writes.get();
    }
}
