package io.tally.core.port.out;

import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.domain.segment.SegmentRunCounts;

import java.util.Map;
import java.util.Optional;

/** Parts and results of full segment recomputes. Every write is a whole-item put, so repeating one is harmless. */
public interface SegmentRunStorePort {

    /** Stores what one scan segment of a run found: brand → segment id → counts (overwrites an earlier attempt). */
    void savePart(String runId, int segment, Map<String, Map<String, SegmentRunCounts>> part);

    /** Every stored part of a run, by scan segment. */
    Map<Integer, Map<String, Map<String, SegmentRunCounts>>> loadParts(String runId);

    void saveResult(RecomputeResult result);

    /** The brand's most recent gathered result. */
    Optional<RecomputeResult> latest(String brandId);
}
