package io.tally.core.port.in;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.Dependency;
import io.tally.core.domain.segment.MembershipChange;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Incremental membership: after a consumer changed, evaluate the brand's segments against it and record only what
 * changed. Safe under redelivery and concurrent writers: each change is applied only if the stored membership is
 * still the one it was computed from and the profile is still the version it was decided on, and counts move with
 * it. A decision taken on a profile that has moved on is not written; the segments are evaluated again on the
 * profile as stored.
 */
public interface UpdateMembershipUseCase {

    /**
     * Evaluates every live segment of the consumer's brand on {@code profile} at {@code now} and records enters and
     * exits. Costs one consistent read of the consumer's memberships when the brand has segments, and writes only
     * for changes.
     *
     * @param profile the profile as just written (its version is the one the decision holds for)
     * @return the changes recorded (empty when nothing changed or the brand has no segments)
     */
    List<MembershipChange> update(ConsumerProfile profile, Instant now);

    /**
     * As {@link #update(ConsumerProfile, Instant)}, but does nothing — not even the read — when no segment of the
     * brand depends on any of {@code changed}.
     */
    List<MembershipChange> update(ConsumerProfile profile, Instant now, Set<Dependency> changed);

    /** Removes every membership of the consumer (erasure, merged away). */
    List<MembershipChange> removeAll(ConsumerKey consumer);
}
