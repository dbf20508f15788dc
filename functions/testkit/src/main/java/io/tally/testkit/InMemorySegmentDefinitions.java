package io.tally.testkit;

import io.tally.core.domain.segment.ConcurrentSegmentChangeException;
import io.tally.core.domain.segment.StoredSegment;
import io.tally.core.port.out.SegmentDefinitionStorePort;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link SegmentDefinitionStorePort} in a map, with the same version checks as the DynamoDB adapter. */
public class InMemorySegmentDefinitions implements SegmentDefinitionStorePort {

    private final Map<String, StoredSegment> segments = new ConcurrentSkipListMap<>();

    private static String key(String brandId, String segmentId) {
        return brandId + "\n" + segmentId;
    }

    @Override
    public Optional<StoredSegment> load(String brandId, String segmentId) {
        return Optional.ofNullable(segments.get(key(brandId, segmentId)));
    }

    @Override
    public List<StoredSegment> list(String brandId) {
        return segments.values().stream().filter(s -> s.brandId().equals(brandId) && !s.deleted()).toList();
    }

    @Override
    public synchronized void save(StoredSegment segment, long expectedVersion) {
        StoredSegment stored = segments.get(key(segment.brandId(), segment.id()));
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != expectedVersion) {
            throw new ConcurrentSegmentChangeException("segment '" + segment.id() + "' changed concurrently");
        }
        segments.put(key(segment.brandId(), segment.id()), segment);
    }
}
