package io.tally.core.domain.event;

/**
 * One reason an input was rejected.
 *
 * @param field   JSON path of the offending field, e.g. {@code batch[3].userId}
 * @param code    machine-readable reason, e.g. {@code required}, {@code invalid_type}
 * @param message human-readable explanation
 */
public record FieldError(String field, String code, String message) {
}
