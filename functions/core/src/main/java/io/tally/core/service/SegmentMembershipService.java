package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.Dependency;
import io.tally.core.domain.segment.LiveSegment;
import io.tally.core.domain.segment.Membership;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.MembershipDiff;
import io.tally.core.domain.segment.ProfileGuard;
import io.tally.core.domain.segment.ProfileSubjects;
import io.tally.core.domain.segment.SegmentSubject;
import io.tally.core.port.in.UpdateMembershipUseCase;
import io.tally.core.port.out.MembershipConflictException;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.SegmentMembershipPort;
import io.tally.core.port.out.StaleProfileException;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Incremental segment membership for the processor (and the writes of the recompute): evaluate, diff against what
 * is stored, write only changes, each under the profile version it was decided on.
 */
public class SegmentMembershipService implements UpdateMembershipUseCase {

    /** Reads and decisions per consumer before a conflict is handed back to the caller. */
    static final int ATTEMPTS = 3;

    private final BrandSegmentCache segments;
    private final SegmentMembershipPort memberships;
    private final ProfileStorePort profiles;
    private final ProfileSubjects subjects;
    private final Clock clock;

    public SegmentMembershipService(BrandSegmentCache segments, SegmentMembershipPort memberships,
                                    ProfileStorePort profiles, ProfileSubjects subjects, Clock clock) {
        this.segments = segments;
        this.memberships = memberships;
        this.profiles = profiles;
        this.subjects = subjects;
        this.clock = clock;
    }

    @Override
    public List<MembershipChange> update(ConsumerProfile profile, Instant now) {
        return update(profile, now, null);
    }

    @Override
    public List<MembershipChange> update(ConsumerProfile profile, Instant now, Set<Dependency> changed) {
        List<LiveSegment> brandSegments = segments.get(profile.key().brandId());
        if (brandSegments.isEmpty()) {
            return List.of();
        }
        if (changed != null && brandSegments.stream().noneMatch(s -> s.compiled().rule().dependsOnAny(changed))) {
            return List.of();
        }
        return write(profile.key(), ProfileGuard.atVersion(profile.version()),
                matched(brandSegments, subjects.subjectOf(profile), now), null, brandSegments, now);
    }

    @Override
    public List<MembershipChange> removeAll(ConsumerKey consumer) {
        if (segments.get(consumer.brandId()).isEmpty()) {
            return List.of();
        }
        return write(consumer, ProfileGuard.NONE, Map.of(), null, List.of(), clock.instant());
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
     * Writes the consumer's changes from {@code stored} (read now when null) to {@code matched} under {@code guard}.
     * When another writer changed the memberships first, reads them again and decides again. When the profile moved
     * on (or went away), reads it (consistently) and evaluates {@code live} on it as of now (or {@code at}, if later):
     * a merged-away or erased consumer keeps no membership. Up to {@link #ATTEMPTS} writes.
     *
     * @return the changes written
     * @throws MembershipConflictException when every attempt met a conflict or a newer profile
     */
    List<MembershipChange> write(ConsumerKey consumer, ProfileGuard guard, Map<String, Long> matched,
                                 Map<String, Membership> stored, List<LiveSegment> live, Instant at) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, Membership> current = stored != null ? stored : memberships.load(consumer);
            stored = null;
            List<MembershipChange> changes = MembershipDiff.changes(current, matched, at);
            if (changes.isEmpty()) {
                return List.of();
            }
            try {
                memberships.apply(consumer, guard, changes);
                return changes;
            } catch (MembershipConflictException e) {
                last = e;
            } catch (StaleProfileException e) {
                last = e;
                Optional<ConsumerProfile> profile = profiles.load(consumer);
                guard = profile.map(p -> ProfileGuard.atVersion(p.version())).orElse(ProfileGuard.ABSENT);
                Instant clockNow = clock.instant();
                Instant now = clockNow.isAfter(at) ? clockNow : at;
                matched = profile.filter(p -> !p.merged()).map(p -> matched(live, subjects.subjectOf(p), now))
                        .orElse(Map.of());
            }
        }
        throw new MembershipConflictException("memberships of " + consumer + " kept changing over " + ATTEMPTS
                + " attempts", last);
    }
}
