package io.tally.core.service;

import io.tally.core.domain.segment.LiveSegment;
import io.tally.core.port.out.SegmentDefinitionStorePort;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled live segments of each brand, read from the store at most once per {@code ttl} per brand: the
 * incremental path evaluates them for every changed consumer and must not read the definitions each time. A change
 * of a definition reaches it within {@code ttl}; the recompute the change plans covers the gap.
 */
public class BrandSegmentCache {

    private record Entry(List<LiveSegment> segments, java.util.Set<String> countedEvents, Instant readAt) {

        static Entry of(List<LiveSegment> segments, Instant readAt) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            segments.forEach(segment -> names.addAll(segment.compiled().rule().eventNames()));
            return new Entry(segments, java.util.Set.copyOf(names), readAt);
        }
    }

    private final SegmentDefinitionStorePort definitions;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> byBrand = new ConcurrentHashMap<>();

    public BrandSegmentCache(SegmentDefinitionStorePort definitions, Clock clock, Duration ttl) {
        this.definitions = definitions;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The brand's live segments, compiled, with their versions. */
    public List<LiveSegment> get(String brandId) {
        return entry(brandId).segments();
    }

    /** The event names the brand's live segments count ({@code event} conditions): their times are kept. */
    public java.util.Set<String> countedEvents(String brandId) {
        return entry(brandId).countedEvents();
    }

    private Entry entry(String brandId) {
        Instant now = clock.instant();
        Entry entry = byBrand.get(brandId);
        if (entry == null || !now.isBefore(entry.readAt().plus(ttl))) {
            entry = Entry.of(load(definitions, brandId), now);
            byBrand.put(brandId, entry);
        }
        return entry;
    }

    /** Reads and compiles the brand's live segments now. */
    static List<LiveSegment> load(SegmentDefinitionStorePort definitions, String brandId) {
        return definitions.list(brandId).stream().filter(s -> !s.deleted())
                .map(LiveSegment::of).toList();
    }
}
