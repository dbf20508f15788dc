package io.tally.core.domain.lifecycle;

/** A bounded series of times (epoch milliseconds), most recent first, that window conditions count over. */
interface RecentSeries {

    int size();

    /** The {@code i}-th most recent time, {@code 0 <= i < size()}. */
    long millisAt(int i);

    /** How many of the held times are after {@code threshold}; at most {@link #size()}. */
    default int countAfter(long threshold) {
        int count = 0;
        while (count < size() && millisAt(count) > threshold) {
            count++;
        }
        return count;
    }
}
