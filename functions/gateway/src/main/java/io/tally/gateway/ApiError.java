package io.tally.gateway;

import io.micronaut.serde.annotation.Serdeable;
import io.tally.core.domain.event.FieldError;

import java.util.List;

/**
 * The JSON body of every error answer.
 *
 * @param success always false (the Tracking API's field)
 * @param code    machine-readable error code
 * @param message human-readable explanation
 * @param field   JSON path of the first offending field, if the error is about one
 * @param errors  every field error, when there are several
 */
@Serdeable
public record ApiError(boolean success, String code, String message, String field, List<FieldError> errors) {

    public static ApiError of(String code, String message) {
        return new ApiError(false, code, message, null, List.of());
    }

    /** A failure of the gateway itself, whose details stay in the log. */
    public static ApiError unexpected() {
        return of("internal_error", "unexpected error; nothing was accepted");
    }

    /** A body that is not a JSON object; the field is the whole body, {@code $}. */
    public static ApiError malformedJson(String message) {
        return of("malformed_json", List.of(new FieldError("$", "malformed_json", message)));
    }

    public static ApiError of(String code, List<FieldError> errors) {
        FieldError first = errors.get(0);
        String message = errors.size() == 1 ? first.message()
                : first.message() + " (and " + (errors.size() - 1) + " more errors)";
        return new ApiError(false, code, first.field() + ": " + message, first.field(), errors);
    }
}
