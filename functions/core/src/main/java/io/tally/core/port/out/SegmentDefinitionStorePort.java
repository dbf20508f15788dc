package io.tally.core.port.out;

import io.tally.core.domain.segment.ConcurrentSegmentChangeException;
import io.tally.core.domain.segment.StoredSegment;

import java.util.List;
import java.util.Optional;

/** Where a brand's segment definitions are kept, with optimistic concurrency on their version. */
public interface SegmentDefinitionStorePort {

    /** The segment, live or a tombstone ({@link StoredSegment#deleted()}), or empty if never stored (or expired). */
    Optional<StoredSegment> load(String brandId, String segmentId);

    /** The brand's live segments, by id. */
    List<StoredSegment> list(String brandId);

    /**
     * Writes {@code segment} (a new version, or a tombstone) if the stored one is still at {@code expectedVersion}
     * (0: nothing stored).
     *
     * @throws ConcurrentSegmentChangeException when another writer got there first
     */
    void save(StoredSegment segment, long expectedVersion);
}
