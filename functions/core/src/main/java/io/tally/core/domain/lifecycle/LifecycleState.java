package io.tally.core.domain.lifecycle;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The lifecycle part of a consumer profile: its facts, its stage in each model (with when each could next change),
 * the day it is indexed for re-evaluation, and its day logs.
 *
 * <p>Day logs are kept in two slots by the parity of the day, so the log of day D stays on the profile (and in the
 * roll-up index) until the consumer changes again on day D + 2: the roll-up of D, run on D + 1, always finds it.
 *
 * @param facts    everything the stages are computed from
 * @param stages   stage per model key
 * @param reviewOn the day the daily job looks at this consumer again (on or before its earliest stage expiry), or
 *                 null when no stage can change by time alone
 * @param evenLog  the log of the latest even epoch day the consumer changed on, or null
 * @param oddLog   the log of the latest odd epoch day, or null
 */
public record LifecycleState(LifecycleFacts facts, SortedMap<String, StageAssignment> stages, LocalDate reviewOn,
                             DayLog evenLog, DayLog oddLog) {

    private static final LifecycleState EMPTY = new LifecycleState(LifecycleFacts.empty(), new TreeMap<>(), null,
            null, null);

    public LifecycleState {
        Objects.requireNonNull(facts, "facts");
        stages = Collections.unmodifiableSortedMap(new TreeMap<>(stages));
        if (evenLog != null && evenLog.day().toEpochDay() % 2 != 0 || oddLog != null && oddLog.day().toEpochDay() % 2 == 0) {
            throw new IllegalArgumentException("day logs must sit in the slot of their day's parity");
        }
    }

    public static LifecycleState empty() {
        return EMPTY;
    }

    /** The log of {@code day} (empty when the consumer contributed nothing that day, or it was overwritten). */
    public DayLog logOf(LocalDate day) {
        DayLog slot = isEven(day) ? evenLog : oddLog;
        return slot != null && slot.day().equals(day) ? slot : DayLog.empty(day);
    }

    /** This state with {@code log} in its day's slot (replacing an older day's log there). */
    public LifecycleState withLog(DayLog log) {
        if (log.isEmpty()) {
            return this;
        }
        return isEven(log.day()) ? new LifecycleState(facts, stages, reviewOn, log, oddLog)
                : new LifecycleState(facts, stages, reviewOn, evenLog, log);
    }

    public LifecycleState with(LifecycleFacts nextFacts, Map<String, StageAssignment> nextStages,
                               LocalDate nextReviewOn) {
        return new LifecycleState(nextFacts, new TreeMap<>(nextStages), nextReviewOn, evenLog, oddLog);
    }

    /**
     * The state of a consumer that absorbed {@code other} in a merge: facts merged, this consumer's stages kept
     * (the caller re-evaluates them), the earlier review day, and day logs of the same day added up (of two logs of
     * different days in one slot, the newer is kept: the older one was rolled up already).
     */
    public LifecycleState absorb(LifecycleState other) {
        LocalDate review = reviewOn == null ? other.reviewOn
                : other.reviewOn == null || !other.reviewOn.isBefore(reviewOn) ? reviewOn : other.reviewOn;
        return new LifecycleState(facts.merge(other.facts), stages, review, combine(evenLog, other.evenLog),
                combine(oddLog, other.oddLog));
    }

    private static DayLog combine(DayLog mine, DayLog theirs) {
        if (mine == null || theirs == null) {
            return mine == null ? theirs : mine;
        }
        if (mine.day().equals(theirs.day())) {
            return mine.plus(theirs);
        }
        return mine.day().isAfter(theirs.day()) ? mine : theirs;
    }

    static boolean isEven(LocalDate day) {
        return day.toEpochDay() % 2 == 0;
    }
}
