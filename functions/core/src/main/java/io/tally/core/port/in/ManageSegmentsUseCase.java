package io.tally.core.port.in;

import io.tally.core.domain.segment.SegmentPreview;
import io.tally.core.domain.segment.SegmentStatus;
import io.tally.core.domain.segment.StoredSegment;

import java.util.List;
import java.util.Map;

/**
 * A brand's admin defines audience segments. Definitions are JSON (already parsed) checked by the rule compiler;
 * every invalid input throws {@link io.tally.core.domain.segment.InvalidRuleException} naming each field's path.
 * Creating, changing or deleting a segment plans a full recompute of the brand.
 */
public interface ManageSegmentsUseCase {

    /**
     * Creates a segment (version 1, or the next version after a deleted one with the same id). Creating the same
     * definition again answers the stored one.
     *
     * @throws io.tally.core.domain.segment.SegmentAlreadyExistsException when a different live segment has the id
     */
    StoredSegment create(String brandId, Map<String, Object> definition);

    /** @throws io.tally.core.domain.segment.SegmentNotFoundException when the brand has no such live segment */
    SegmentStatus get(String brandId, String segmentId);

    /** The brand's live segments with their sizes, by id. */
    List<SegmentStatus> list(String brandId);

    /**
     * Replaces a segment's definition; a different definition is the next version (the memberships of the older
     * one are superseded), the same one changes nothing.
     *
     * @param definition the definition; its {@code id}, when given, must be {@code segmentId}
     * @throws io.tally.core.domain.segment.SegmentNotFoundException when the brand has no such live segment
     */
    StoredSegment update(String brandId, String segmentId, Map<String, Object> definition);

    /**
     * Deletes a segment; its memberships are removed by the recompute this plans.
     *
     * @throws io.tally.core.domain.segment.SegmentNotFoundException when the brand has no such live segment
     */
    StoredSegment delete(String brandId, String segmentId);

    /**
     * Estimates a rule's size before saving it, from a random sample of the brand's profiles.
     *
     * @param rule       the rule (paths of errors start at {@code rule})
     * @param sampleSize profiles to evaluate at most
     */
    SegmentPreview preview(String brandId, Map<String, Object> rule, int sampleSize);
}
