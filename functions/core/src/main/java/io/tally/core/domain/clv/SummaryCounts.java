package io.tally.core.domain.clv;

import java.util.Arrays;

/**
 * Customer summaries compressed to their sufficient statistics: each distinct (x, tx, T) once, with the number of
 * customers who share it. The BG/NBD likelihood of a customer depends on nothing else, so a fit over the distinct
 * triples weighted by their counts equals the fit over all customers, at the cost of the distinct triples only.
 * Entries are ordered by x, then T, then tx.
 */
public final class SummaryCounts {

    private final int[] x;
    private final double[] tx;
    private final double[] T;
    private final long[] count;
    private final long customers;

    private SummaryCounts(int[] x, double[] tx, double[] T, long[] count) {
        this.x = x;
        this.tx = tx;
        this.T = T;
        this.count = count;
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
        return tx[i];
    }

    public double T(int i) {
        return T[i];
    }

    public long count(int i) {
        return count[i];
    }

    /** Mean of T over all customers. */
    double meanT() {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += count[i] * T[i];
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

        public SummaryCounts build() {
            Integer[] order = new Integer[size];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (i, j) -> x[i] != x[j] ? Integer.compare(x[i], x[j])
                    : T[i] != T[j] ? Double.compare(T[i], T[j]) : Double.compare(tx[i], tx[j]));
            int[] sortedX = new int[size];
            double[] sortedTx = new double[size];
            double[] sortedT = new double[size];
            long[] sortedCount = new long[size];
            for (int k = 0; k < size; k++) {
                int i = order[k];
                sortedX[k] = x[i];
                sortedTx[k] = tx[i];
                sortedT[k] = T[i];
                sortedCount[k] = count[i];
            }
            return new SummaryCounts(sortedX, sortedTx, sortedT, sortedCount);
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
