package io.tally.core.domain.segment;

/**
 * A live segment with its current size.
 *
 * @param segment  the stored definition
 * @param size     members of the current version, from the write-sharded counters (kept exact by every membership
 *                 change)
 * @param lastRun  the latest full recompute of the segment's brand that evaluated this segment, or null
 */
public record SegmentStatus(StoredSegment segment, long size, RecomputeResult lastRun) {
}
