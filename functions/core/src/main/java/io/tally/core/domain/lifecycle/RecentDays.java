package io.tally.core.domain.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The {@code capacity} most recent distinct UTC days on which something happened (visits), each with the latest
 * time seen that day, most recent first. Keeping the latest time per day and the most recent days is commutative
 * and associative, so folding and merging are order-independent; "on at least n days within d days" (a day counts
 * while its latest time is within the window) is exact for every {@code n <= capacity}.
 */
public final class RecentDays implements RecentSeries {

    static final long DAY_MILLIS = 86_400_000L;

    private final int capacity;
    private final long[] descending;

    private RecentDays(int capacity, long[] descending) {
        this.capacity = capacity;
        this.descending = descending;
    }

    public static RecentDays empty(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        return new RecentDays(capacity, new long[0]);
    }

    /** The most recent {@code capacity} days of {@code times}, with the latest time of each. */
    public static RecentDays of(int capacity, Collection<Instant> times) {
        RecentDays result = empty(capacity);
        for (Instant time : times) {
            result = result.plus(time.toEpochMilli());
        }
        return result;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public int size() {
        return descending.length;
    }

    @Override
    public long millisAt(int i) {
        return descending[i];
    }

    /** The latest time of each held day, most recent first. */
    public List<Instant> times() {
        return Arrays.stream(descending).mapToObj(Instant::ofEpochMilli).toList();
    }

    /** The held days (UTC), most recent first. */
    public List<LocalDate> days() {
        return Arrays.stream(descending).mapToObj(at -> LocalDate.ofEpochDay(day(at))).toList();
    }

    RecentDays plus(long at) {
        long day = day(at);
        int position = 0;
        while (position < descending.length && day(descending[position]) > day) {
            position++;
        }
        if (position < descending.length && day(descending[position]) == day) {
            if (descending[position] >= at) {
                return this;
            }
            long[] next = descending.clone();
            next[position] = at;
            return new RecentDays(capacity, next);
        }
        if (position == capacity) {
            return this;
        }
        int size = Math.min(descending.length + 1, capacity);
        long[] next = new long[size];
        System.arraycopy(descending, 0, next, 0, position);
        next[position] = at;
        System.arraycopy(descending, position, next, position + 1, size - position - 1);
        return new RecentDays(capacity, next);
    }

    RecentDays merge(RecentDays other) {
        RecentDays result = this;
        for (long at : other.descending) {
            result = result.plus(at);
        }
        return result;
    }

    private static long day(long at) {
        return Math.floorDiv(at, DAY_MILLIS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentDays other && capacity == other.capacity
                && Arrays.equals(descending, other.descending);
    }

    @Override
    public int hashCode() {
        return 31 * capacity + Arrays.hashCode(descending);
    }

    @Override
    public String toString() {
        return times().toString();
    }
}
