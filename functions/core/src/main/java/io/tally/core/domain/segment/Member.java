package io.tally.core.domain.segment;

import java.time.Instant;

/**
 * One member of a segment.
 *
 * @param consumerId the consumer
 * @param enteredAt  when the consumer entered the segment's current version
 */
public record Member(String consumerId, Instant enteredAt) {
}
