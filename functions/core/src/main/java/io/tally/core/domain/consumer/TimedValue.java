package io.tally.core.domain.consumer;

import java.time.Instant;
import java.util.Objects;

/**
 * A value with the event time it was set at; of two, the later wins (ties: the larger value's text), so folding
 * in any order gives the same result.
 */
public record TimedValue(Object value, Instant at) {

    public TimedValue {
        Objects.requireNonNull(at, "at");
    }

    public TimedValue latest(TimedValue other) {
        if (other == null) {
            return this;
        }
        int byTime = at.compareTo(other.at);
        if (byTime != 0) {
            return byTime > 0 ? this : other;
        }
        return String.valueOf(value).compareTo(String.valueOf(other.value)) >= 0 ? this : other;
    }
}
