package io.tally.core.port.out;

/**
 * Memberships were not written because the stored ones are no longer those a change was computed from (a concurrent
 * writer, or a change applied already); reload and decide again.
 */
public class MembershipConflictException extends RuntimeException {

    public MembershipConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
