package io.tally.core.domain.access;

/** The presented key is missing, unknown, revoked, or not allowed to do what was asked. */
public class AuthenticationFailedException extends RuntimeException {

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
