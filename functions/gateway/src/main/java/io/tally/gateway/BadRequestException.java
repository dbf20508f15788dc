package io.tally.gateway;

import io.tally.core.domain.event.FieldError;

/** A malformed admin API request, naming the field. */
public class BadRequestException extends RuntimeException {

    private final transient FieldError error;

    public BadRequestException(String field, String message) {
        super(field + ": " + message);
        this.error = new FieldError(field, "invalid_value", message);
    }

    public FieldError error() {
        return error;
    }
}
