package io.tally.core.port.out;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.segment.MemberPage;
import io.tally.core.domain.segment.Membership;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.ProfileGuard;

import java.util.List;
import java.util.Map;

/**
 * Segment memberships: one record per (brand, segment, consumer) with its version and entry time, and per segment
 * version a member count kept exact with every change.
 */
public interface SegmentMembershipPort {

    /** The consumer's stored memberships by segment id (read strongly consistent). */
    Map<String, Membership> load(ConsumerKey consumer);

    /**
     * Records the changes of one consumer, each only if the stored membership is still its
     * {@link MembershipChange#before()} and the consumer's profile still satisfies {@code guard}, and adjusts the
     * member counts by the same amounts, atomically per change set (a store may split a large set into several
     * atomic writes, each under the guard). An empty list writes nothing.
     *
     * @throws MembershipConflictException when any stored membership differs from what a change expects; the
     *     changes of the atomic write that failed are not applied
     * @throws StaleProfileException when the profile no longer satisfies {@code guard}; nothing of the atomic write
     *     that failed is applied
     */
    void apply(ConsumerKey consumer, ProfileGuard guard, List<MembershipChange> changes);

    /** Members of version {@code version} of the segment. */
    long size(String brandId, String segmentId, long version);

    /**
     * A page of the members of version {@code version} of the segment.
     *
     * @param cursor the previous page's {@link MemberPage#nextCursor()}, or null for the first page
     * @throws io.tally.core.domain.segment.InvalidCursorException when {@code cursor} is not one this store issued
     */
    MemberPage members(String brandId, String segmentId, long version, int limit, String cursor);
}
