package io.tally.core.domain.quarantine;

import io.tally.core.domain.event.FieldError;

import java.util.List;
import java.util.Map;

/**
 * An event the gateway could not accept, kept as sent with the reasons.
 *
 * @param index  its position in the request's batch
 * @param raw    the event exactly as parsed from the request (a JSON value)
 * @param errors why it was rejected
 */
public record QuarantinedEvent(int index, Object raw, List<FieldError> errors) {

    public QuarantinedEvent {
        errors = List.copyOf(errors);
    }

    /** The reason it is filed under: the code of its first error. */
    public String reason() {
        return errors.isEmpty() ? "unknown" : errors.get(0).code();
    }

    /** The event's message id, if it had a usable one. */
    public String messageId() {
        return raw instanceof Map<?, ?> map && map.get("messageId") instanceof String id ? id : null;
    }
}
