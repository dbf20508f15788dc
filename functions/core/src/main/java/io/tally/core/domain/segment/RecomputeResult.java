package io.tally.core.domain.segment;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The gathered result of a full recompute for one brand.
 *
 * @param runId        the run
 * @param brandId      the brand
 * @param asOf         the evaluation instant
 * @param scanSegments parallel-scan segments the run was split into
 * @param segments     counts per segment id; segments that exited members but no longer exist are included
 */
public record RecomputeResult(String runId, String brandId, Instant asOf, int scanSegments,
                              Map<String, SegmentRunCounts> segments) {

    public RecomputeResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(asOf, "asOf");
        segments = java.util.Collections.unmodifiableMap(new TreeMap<>(segments));
    }
}
