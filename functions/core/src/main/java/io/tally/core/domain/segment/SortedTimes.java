package io.tally.core.domain.segment;

/** Rolling-window counts over ascending arrays of epoch milliseconds, by binary search. */
final class SortedTimes {

    static final long DAY_MILLIS = 86_400_000L;

    private SortedTimes() {
    }

    /**
     * How many of {@code times} lie in the window of {@code days} ending at {@code end}: end − days < t ≤ end (the
     * start as in lifecycle windows: a time leaves the window exactly {@code days} days after it).
     */
    static int countWithin(long[] times, int days, long end) {
        return upperBound(times, end) - firstAfterWindowStart(times, days, end);
    }

    /** First index inside the window of {@code days} ending at {@code end}. */
    static int firstAfterWindowStart(long[] times, int days, long end) {
        return upperBound(times, end - days * DAY_MILLIS);
    }

    /** First index whose time is after {@code time}. */
    static int upperBound(long[] times, long time) {
        int low = 0;
        int high = times.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] <= time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
