package io.tally.core.port.in;

import io.tally.core.domain.segment.MemberPage;
import io.tally.core.domain.segment.SegmentExport;

/** Reads a segment's audience: its members page by page, or as a file for ad platforms. */
public interface SegmentAudienceUseCase {

    /**
     * @param cursor the previous page's cursor, or null
     * @throws io.tally.core.domain.segment.SegmentNotFoundException when the brand has no such live segment
     * @throws io.tally.core.domain.segment.InvalidCursorException    when the cursor is not one the listing issued
     */
    MemberPage members(String brandId, String segmentId, int limit, String cursor);

    /**
     * Writes the segment's members with their hashed identifiers as CSV and returns a time-limited link.
     *
     * @throws io.tally.core.domain.segment.SegmentNotFoundException when the brand has no such live segment
     * @throws io.tally.core.domain.segment.ExportTooLargeException   when the segment has more members than one export
     *     may hold
     */
    SegmentExport export(String brandId, String segmentId);
}
