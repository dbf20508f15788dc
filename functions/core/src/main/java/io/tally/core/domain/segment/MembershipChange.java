package io.tally.core.domain.segment;

import java.util.Objects;

/**
 * One change of a consumer's membership of one segment, stated with the membership it replaces, so a store can
 * apply it only if that is still what it holds (which makes applying a change twice harmless).
 *
 * @param segmentId the segment
 * @param before    the stored membership this change replaces, or null when the consumer was not a member
 * @param after     the membership after the change, or null when the consumer leaves
 */
public record MembershipChange(String segmentId, Membership before, Membership after) {

    public MembershipChange {
        Objects.requireNonNull(segmentId, "segmentId");
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change needs a membership before or after it");
        }
    }

    /** The consumer enters the segment (possibly replacing a membership of an older version). */
    public boolean enters() {
        return after != null;
    }

    /** The consumer leaves the segment. */
    public boolean exits() {
        return after == null;
    }
}
