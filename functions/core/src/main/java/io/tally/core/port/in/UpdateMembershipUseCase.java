package io.tally.core.port.in;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.segment.Dependency;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.SegmentSubject;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Incremental membership: after a consumer changed, evaluate the brand's segments against it and record only what
 * changed. Safe under redelivery and concurrent writers: each change is applied only if the stored membership is
 * still the one it was computed from, and counts move with it.
 */
public interface UpdateMembershipUseCase {

    /**
     * Evaluates every live segment of the consumer's brand at {@code now} and records enters and exits. Costs one
     * consistent read of the consumer's memberships when the brand has segments, and writes only for changes.
     *
     * @return the changes recorded (empty when nothing changed or the brand has no segments)
     */
    List<MembershipChange> update(ConsumerKey consumer, SegmentSubject subject, Instant now);

    /**
     * As {@link #update(ConsumerKey, SegmentSubject, Instant)}, but does nothing — not even the read — when no segment
     * of the brand depends on any of {@code changed}.
     */
    List<MembershipChange> update(ConsumerKey consumer, SegmentSubject subject, Instant now, Set<Dependency> changed);

    /** Removes every membership of the consumer (erasure, merged away). */
    List<MembershipChange> removeAll(ConsumerKey consumer);
}
