package io.tally.core.domain.lifecycle;

import java.time.Instant;

/**
 * A consumer's stage in one model at an evaluation time.
 *
 * @param stageCode the winning stage's code, or null when no stage qualifies ("none")
 * @param expiresAt the earliest instant at which the stage could change with no new facts (a window that holds
 *                  now ends, or one that blocks ends), or null if it cannot change by time alone
 */
public record StageAssignment(String stageCode, Instant expiresAt) {

    private static final StageAssignment NONE = new StageAssignment(null, null);

    /** No stage, for ever (the assignment of a consumer with no facts). */
    public static StageAssignment none() {
        return NONE;
    }

    public boolean isNone() {
        return stageCode == null;
    }

    /** Whether the assignment must be re-evaluated at {@code now} even without new facts. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
