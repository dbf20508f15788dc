package io.tally.core.domain.segment;

import java.time.Instant;

/**
 * An exported audience file.
 *
 * @param uri         permanent address ({@code s3://bucket/key})
 * @param link        time-limited link that downloads the file without credentials
 * @param linkExpires when {@code link} stops working
 * @param rows        members in the file
 * @param version     the definition version exported
 */
public record SegmentExport(String uri, String link, Instant linkExpires, long rows, long version) {
}
