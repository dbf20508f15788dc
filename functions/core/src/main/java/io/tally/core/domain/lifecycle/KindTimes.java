package io.tally.core.domain.lifecycle;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The latest time (epoch milliseconds) at which each {@link FactKind} happened. Folding keeps the maximum, so the
 * result does not depend on the order in which facts arrive.
 */
public final class KindTimes {

    static final long ABSENT = Long.MIN_VALUE;
    private static final FactKind[] KINDS = FactKind.values();
    private static final KindTimes EMPTY = new KindTimes(filledAbsent());

    private final long[] millis;

    private KindTimes(long[] millis) {
        this.millis = millis;
    }

    public static KindTimes empty() {
        return EMPTY;
    }

    /** The latest time per kind; kinds not in {@code latest} never happened. */
    public static KindTimes of(Map<FactKind, Instant> latest) {
        long[] values = filledAbsent();
        latest.forEach((kind, at) -> values[kind.ordinal()] = at.toEpochMilli());
        return new KindTimes(values);
    }

    /** When {@code kind} last happened, or null if never. */
    public Instant get(FactKind kind) {
        long value = millis[kind.ordinal()];
        return value == ABSENT ? null : Instant.ofEpochMilli(value);
    }

    /** Every kind that happened, with its latest time. */
    public Map<FactKind, Instant> asMap() {
        Map<FactKind, Instant> map = new EnumMap<>(FactKind.class);
        for (FactKind kind : KINDS) {
            Instant at = get(kind);
            if (at != null) {
                map.put(kind, at);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    long millis(int ordinal) {
        return millis[ordinal];
    }

    KindTimes withLatest(FactKind kind, long at) {
        int i = kind.ordinal();
        if (millis[i] >= at) {
            return this;
        }
        long[] next = millis.clone();
        next[i] = at;
        return new KindTimes(next);
    }

    KindTimes merge(KindTimes other) {
        long[] next = millis.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] = Math.max(next[i], other.millis[i]);
        }
        return new KindTimes(next);
    }

    private static long[] filledAbsent() {
        long[] values = new long[KINDS.length];
        Arrays.fill(values, ABSENT);
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KindTimes other && Arrays.equals(millis, other.millis);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(millis);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
