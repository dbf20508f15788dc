package io.tally.core.domain.clv;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Customer summaries compressed to their sufficient statistics: each distinct (x, tx, T) once, with the number of
 * customers who share it. The BG/NBD likelihood of a customer depends on nothing else, so a fit over the distinct
 * triples weighted by their counts equals the fit over all customers, at the cost of the distinct triples only.
 * Entries are ordered by x, then T, then tx, whatever order the customers were added in, so a fit over the same
 * customers sums in the same order and gives bit-identical results however the data was gathered.
 *
 * <p>The times tx and T are also indexed into one sorted table of their distinct values: data recorded per day has
 * at most a few thousand of them however many customers there are, and the likelihood then takes a logarithm per
 * distinct time instead of two per entry.
 */
public final class SummaryCounts {

    private static final int VERSION = 1;

    private final int[] x;
    private final int[] txIndex;
    private final int[] tIndex;
    private final long[] count;
    private final double[] times;
    private final long customers;

    private SummaryCounts(int[] x, int[] txIndex, int[] tIndex, long[] count, double[] times) {
        this.x = x;
        this.txIndex = txIndex;
        this.tIndex = tIndex;
        this.count = count;
        this.times = times;
        this.customers = Arrays.stream(count).sum();
    }

    /** The compressed form of these customers. */
    public static SummaryCounts of(Iterable<CustomerSummary> customers) {
        Builder builder = builder();
        customers.forEach(builder::add);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of distinct (x, tx, T) triples. */
    public int size() {
        return x.length;
    }

    /** Number of customers, the sum of all counts. */
    public long customers() {
        return customers;
    }

    public int x(int i) {
        return x[i];
    }

    public double tx(int i) {
        return times[txIndex[i]];
    }

    public double T(int i) {
        return times[tIndex[i]];
    }

    public long count(int i) {
        return count[i];
    }

    /**
     * These counts as bytes, to store a scan segment's part until the gather (version 1, big-endian): byte version,
     * int entries, int distinct times, the times (doubles, increasing), then per entry int x, int index of tx, int
     * index of T, long count: 20 bytes per entry and 8 per distinct time.
     */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(9 + 8 * times.length + 20 * x.length);
        out.put((byte) VERSION).putInt(x.length).putInt(times.length);
        for (double time : times) {
            out.putDouble(time);
        }
        for (int i = 0; i < x.length; i++) {
            out.putInt(x[i]).putInt(txIndex[i]).putInt(tIndex[i]).putLong(count[i]);
        }
        return out.array();
    }

    /**
     * Counts written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not such counts (version, length, order, or an invalid
     *                                  summary)
     */
    public static SummaryCounts fromBytes(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("unknown SummaryCounts version " + bytes[0]);
            }
            int size = in.getInt();
            int timeCount = in.getInt();
            if (size < 0 || timeCount < 0 || in.remaining() != 8L * timeCount + 20L * size) {
                throw new IllegalArgumentException("SummaryCounts bytes of the wrong length");
            }
            double[] times = new double[timeCount];
            for (int k = 0; k < timeCount; k++) {
                times[k] = in.getDouble();
                if (!(times[k] >= 0) || Double.isInfinite(times[k]) || k > 0 && !(times[k] > times[k - 1])) {
                    throw new IllegalArgumentException("SummaryCounts times must increase, at " + k);
                }
            }
            int[] x = new int[size];
            int[] txIndex = new int[size];
            int[] tIndex = new int[size];
            long[] count = new long[size];
            for (int i = 0; i < size; i++) {
                x[i] = in.getInt();
                txIndex[i] = in.getInt();
                tIndex[i] = in.getInt();
                count[i] = in.getLong();
                if (txIndex[i] < 0 || txIndex[i] >= timeCount || tIndex[i] < 0 || tIndex[i] >= timeCount
                        || count[i] < 1) {
                    throw new IllegalArgumentException("SummaryCounts entry " + i + " out of range");
                }
                CustomerSummary.requireValid(x[i], times[txIndex[i]], times[tIndex[i]]);
                if (i > 0 && compare(x[i - 1], tIndex[i - 1], txIndex[i - 1], x[i], tIndex[i], txIndex[i]) >= 0) {
                    throw new IllegalArgumentException("SummaryCounts entries must be ordered by x, T, tx, at " + i);
                }
            }
            return new SummaryCounts(x, txIndex, tIndex, count, times);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("SummaryCounts bytes too short", e);
        }
    }

    private static int compare(int x1, int t1, int tx1, int x2, int t2, int tx2) {
        return x1 != x2 ? Integer.compare(x1, x2) : t1 != t2 ? Integer.compare(t1, t2) : Integer.compare(tx1, tx2);
    }

    /** Number of distinct values among all tx and T. */
    int timeCount() {
        return times.length;
    }

    /** The k-th smallest distinct time. */
    double time(int k) {
        return times[k];
    }

    /** Index of {@link #tx(int)} in the time table. */
    int txIndex(int i) {
        return txIndex[i];
    }

    /** Index of {@link #T(int)} in the time table. */
    int tIndex(int i) {
        return tIndex[i];
    }

    /** Mean of T over all customers. */
    double meanT() {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += count[i] * T(i);
        }
        return sum / customers;
    }

    /** Mean of x over all customers. */
    double meanX() {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += count[i] * (double) x[i];
        }
        return sum / customers;
    }

    /**
     * Collects summaries without keeping one object per customer: an open-addressing hash table over the distinct
     * triples, so ten million customers with a few hundred thousand distinct triples take a few megabytes.
     */
    public static final class Builder {

        private static final int EMPTY = -1;

        private int[] slots = new int[1 << 10];
        private int[] x = new int[1 << 9];
        private double[] tx = new double[1 << 9];
        private double[] T = new double[1 << 9];
        private long[] count = new long[1 << 9];
        private int size;

        private Builder() {
            Arrays.fill(slots, EMPTY);
        }

        public Builder add(CustomerSummary customer) {
            return add(customer.x(), customer.tx(), customer.T(), 1);
        }

        /** Adds one customer. */
        public Builder add(int x, double tx, double T) {
            return add(x, tx, T, 1);
        }

        /** Adds every customer of {@code other}: merges partial results, e.g. one per table scan segment. */
        public Builder addAll(SummaryCounts other) {
            for (int i = 0; i < other.size(); i++) {
                add(other.x(i), other.tx(i), other.T(i), other.count(i));
            }
            return this;
        }

        /** Adds {@code customers} customers who share one (x, tx, T). */
        public Builder add(int x, double tx, double T, long customers) {
            CustomerSummary.requireValid(x, tx, T);
            if (customers < 1) {
                throw new IllegalArgumentException("customers must be positive, got " + customers);
            }
            double recency = tx + 0.0;
            int mask = slots.length - 1;
            int slot = hash(x, recency, T) & mask;
            while (slots[slot] != EMPTY) {
                int entry = slots[slot];
                if (this.x[entry] == x && this.tx[entry] == recency && this.T[entry] == T) {
                    count[entry] += customers;
                    return this;
                }
                slot = (slot + 1) & mask;
            }
            if (size == this.x.length) {
                growEntries();
            }
            this.x[size] = x;
            this.tx[size] = recency;
            this.T[size] = T;
            count[size] = customers;
            slots[slot] = size++;
            if (2 * size > slots.length) {
                rehash();
            }
            return this;
        }

        /**
         * The compressed summaries. Sorting is linear after one sort of the distinct times: the times are replaced by
         * their ranks and the entries ordered by three stable counting sorts (tx, then T, then x).
         */
        public SummaryCounts build() {
            double[] all = new double[2 * size];
            System.arraycopy(tx, 0, all, 0, size);
            System.arraycopy(T, 0, all, size, size);
            Arrays.sort(all);
            int distinct = 0;
            for (int i = 0; i < all.length; i++) {
                if (i == 0 || all[i] != all[i - 1]) {
                    all[distinct++] = all[i];
                }
            }
            double[] times = Arrays.copyOf(all, distinct);
            int[] txRank = new int[size];
            int[] tRank = new int[size];
            int maxX = 0;
            for (int i = 0; i < size; i++) {
                txRank[i] = Arrays.binarySearch(times, tx[i]);
                tRank[i] = Arrays.binarySearch(times, T[i]);
                maxX = Math.max(maxX, x[i]);
            }
            int[] order = new int[size];
            Arrays.setAll(order, i -> i);
            order = stableSort(order, txRank, distinct);
            order = stableSort(order, tRank, distinct);
            order = stableSort(order, x, maxX + 1);
            int[] sortedX = new int[size];
            int[] sortedTx = new int[size];
            int[] sortedT = new int[size];
            long[] sortedCount = new long[size];
            for (int k = 0; k < size; k++) {
                int i = order[k];
                sortedX[k] = x[i];
                sortedTx[k] = txRank[i];
                sortedT[k] = tRank[i];
                sortedCount[k] = count[i];
            }
            return new SummaryCounts(sortedX, sortedTx, sortedT, sortedCount, times);
        }

        /** {@code order} stably sorted by {@code key[order[k]]}, keys in [0, range). */
        private static int[] stableSort(int[] order, int[] key, int range) {
            int[] start = new int[range + 1];
            for (int i : order) {
                start[key[i] + 1]++;
            }
            for (int k = 0; k < range; k++) {
                start[k + 1] += start[k];
            }
            int[] sorted = new int[order.length];
            for (int i : order) {
                sorted[start[key[i]]++] = i;
            }
            return sorted;
        }

        private static int hash(int x, double tx, double T) {
            long h = x * 0x9E3779B97F4A7C15L;
            h ^= Double.doubleToLongBits(tx) * 0xC2B2AE3D27D4EB4FL;
            h ^= Double.doubleToLongBits(T) * 0x165667B19E3779F9L;
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            return (int) (h ^ (h >>> 32));
        }

        private void growEntries() {
            int capacity = 2 * x.length;
            x = Arrays.copyOf(x, capacity);
            tx = Arrays.copyOf(tx, capacity);
            T = Arrays.copyOf(T, capacity);
            count = Arrays.copyOf(count, capacity);
        }

        private void rehash() {
            slots = new int[2 * slots.length];
            Arrays.fill(slots, EMPTY);
            int mask = slots.length - 1;
            for (int entry = 0; entry < size; entry++) {
                int slot = hash(x[entry], tx[entry], T[entry]) & mask;
                while (slots[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = entry;
            }
        }
    }
}
