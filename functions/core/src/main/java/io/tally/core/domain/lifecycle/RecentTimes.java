package io.tally.core.domain.lifecycle;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The {@code capacity} most recent times of a repeated fact (orders), duplicates kept, most recent first.
 * Keeping the top {@code capacity} of a multiset is commutative and associative, so folding and merging are
 * order-independent; and "at least n within d days" is exact for every {@code n <= capacity}.
 */
public final class RecentTimes implements RecentSeries {

    private final int capacity;
    private final long[] descending;

    private RecentTimes(int capacity, long[] descending) {
        this.capacity = capacity;
        this.descending = descending;
    }

    public static RecentTimes empty(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        return new RecentTimes(capacity, new long[0]);
    }

    /** The most recent {@code capacity} of {@code times}. */
    public static RecentTimes of(int capacity, Collection<Instant> times) {
        RecentTimes result = empty(capacity);
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

    /** The held times, most recent first. */
    public List<Instant> times() {
        return Arrays.stream(descending).mapToObj(Instant::ofEpochMilli).toList();
    }

    RecentTimes plus(long at) {
        if (descending.length == capacity && at <= descending[capacity - 1]) {
            return this;
        }
        int position = 0;
        while (position < descending.length && descending[position] >= at) {
            position++;
        }
        int size = Math.min(descending.length + 1, capacity);
        long[] next = new long[size];
        System.arraycopy(descending, 0, next, 0, position);
        next[position] = at;
        System.arraycopy(descending, position, next, position + 1, size - position - 1);
        return new RecentTimes(capacity, next);
    }

    RecentTimes merge(RecentTimes other) {
        int size = Math.min(capacity, descending.length + other.descending.length);
        long[] next = new long[size];
        int a = 0;
        int b = 0;
        for (int i = 0; i < size; i++) {
            boolean takeOwn = b >= other.descending.length
                    || (a < descending.length && descending[a] >= other.descending[b]);
            next[i] = takeOwn ? descending[a++] : other.descending[b++];
        }
        return new RecentTimes(capacity, next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentTimes other && capacity == other.capacity
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
