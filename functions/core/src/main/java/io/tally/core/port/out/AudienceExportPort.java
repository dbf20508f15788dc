package io.tally.core.port.out;

import io.tally.core.domain.segment.SegmentExport;

/** Where audience files go, and how they are handed out (a time-limited link). */
public interface AudienceExportPort {

    /** Stores the CSV of version {@code version} of the segment and returns where it is. */
    SegmentExport store(String brandId, String segmentId, long version, byte[] csv, long rows);
}
