package io.tally.core.domain.segment;

import java.time.Instant;
import java.util.Objects;

/**
 * A consumer's stored membership of one segment.
 *
 * @param segmentId the segment
 * @param version   the definition version the consumer was found to match; a membership of an older version than
 *                  the definition's current one is superseded and is replaced or removed by the next evaluation
 * @param enteredAt when the consumer entered (this version of) the segment
 */
public record Membership(String segmentId, long version, Instant enteredAt) {

    public Membership {
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(enteredAt, "enteredAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }
}
