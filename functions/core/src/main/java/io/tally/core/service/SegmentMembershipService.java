package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.segment.Dependency;
import io.tally.core.domain.segment.LiveSegment;
import io.tally.core.domain.segment.Membership;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.MembershipDiff;
import io.tally.core.domain.segment.SegmentSubject;
import io.tally.core.port.in.UpdateMembershipUseCase;
import io.tally.core.port.out.MembershipConflictException;
import io.tally.core.port.out.SegmentMembershipPort;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Incremental segment membership for the processor: evaluate, diff against what is stored, write only changes. */
public class SegmentMembershipService implements UpdateMembershipUseCase {

    /** Reads and decisions per consumer before a conflict is handed back to the caller. */
    static final int ATTEMPTS = 3;

    private final BrandSegmentCache segments;
    private final SegmentMembershipPort memberships;
    private final Clock clock;

    public SegmentMembershipService(BrandSegmentCache segments, SegmentMembershipPort memberships, Clock clock) {
        this.segments = segments;
        this.memberships = memberships;
        this.clock = clock;
    }

    @Override
    public List<MembershipChange> update(ConsumerKey consumer, SegmentSubject subject, Instant now) {
        return update(consumer, subject, now, null);
    }

    @Override
    public List<MembershipChange> update(ConsumerKey consumer, SegmentSubject subject, Instant now,
                                         Set<Dependency> changed) {
        List<LiveSegment> brandSegments = segments.get(consumer.brandId());
        if (brandSegments.isEmpty()) {
            return List.of();
        }
        if (changed != null && brandSegments.stream().noneMatch(s -> s.compiled().rule().dependsOnAny(changed))) {
            return List.of();
        }
        return record(memberships, consumer, matched(brandSegments, subject, now), now);
    }

    @Override
    public List<MembershipChange> removeAll(ConsumerKey consumer) {
        if (segments.get(consumer.brandId()).isEmpty()) {
            return List.of();
        }
        return record(memberships, consumer, Map.of(), clock.instant());
    }

    /** The segments {@code subject} matches at {@code now}, by id, with their versions. */
    static Map<String, Long> matched(List<LiveSegment> segments, SegmentSubject subject, Instant now) {
        Map<String, Long> matched = new HashMap<>();
        for (LiveSegment segment : segments) {
            if (segment.matches(subject, now)) {
                matched.put(segment.id(), segment.version());
            }
        }
        return matched;
    }

    /**
     * Loads the consumer's memberships, decides and applies the changes; on a conflict (a concurrent writer, or the
     * changes were applied already) reloads and decides again, up to {@link #ATTEMPTS} times.
     *
     * @throws MembershipConflictException when every attempt met a conflict
     */
    static List<MembershipChange> record(SegmentMembershipPort memberships, ConsumerKey consumer,
                                         Map<String, Long> matched, Instant at) {
        MembershipConflictException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, Membership> stored = memberships.load(consumer);
            List<MembershipChange> changes = MembershipDiff.changes(stored, matched, at);
            if (changes.isEmpty()) {
                return List.of();
            }
            try {
                memberships.apply(consumer, changes);
                return changes;
            } catch (MembershipConflictException e) {
                last = e;
            }
        }
        throw last;
    }
}
