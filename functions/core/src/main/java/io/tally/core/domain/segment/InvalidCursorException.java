package io.tally.core.domain.segment;

/** A member-list cursor that the listing did not issue (mangled, or from another listing). */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException(String message, Throwable cause) {
        super(message, cause);
    }
}
