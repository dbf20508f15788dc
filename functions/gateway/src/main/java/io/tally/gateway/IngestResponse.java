package io.tally.gateway;

import io.micronaut.serde.annotation.Serdeable;
import io.tally.core.domain.event.FieldError;

import java.util.List;

/**
 * Answer to an accepted Tracking API call. {@code success} is what Segment SDKs read; {@code accepted} and
 * {@code rejected} are extra fields they ignore.
 */
@Serdeable
public record IngestResponse(boolean success, int accepted, List<RejectedEvent> rejected) {

    /** A batch item that was not accepted: its index in the batch and why. */
    @Serdeable
    public record RejectedEvent(int index, List<FieldError> errors) {
    }
}
