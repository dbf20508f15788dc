package io.tally.core.domain.report;

import java.time.Instant;

/**
 * Where a published report is.
 *
 * @param uri          permanent address ({@code s3://bucket/key})
 * @param link         time-limited link that opens the HTML report without credentials
 * @param linkExpires  when {@code link} stops working
 */
public record ReportLocation(String uri, String link, Instant linkExpires) {
}
