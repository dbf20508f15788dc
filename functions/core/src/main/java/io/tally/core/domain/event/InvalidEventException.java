package io.tally.core.domain.event;

import java.util.List;

/** An event (or a batch) that breaks the Tracking API contract; carries every field error found. */
public class InvalidEventException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidEventException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidEventException(FieldError error) {
        this(List.of(error));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "invalid event";
        }
        FieldError first = errors.get(0);
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return first.field() + ": " + first.message() + more;
    }
}
