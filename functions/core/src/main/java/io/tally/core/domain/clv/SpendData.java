package io.tally.core.domain.clv;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The spend histories a Gamma-Gamma fit reads, kept as primitive arrays: the informative customers (at least one
 * transaction of positive mean value, {@link SpendSummary#isInformative()}) ordered by x, then mean spend, and the
 * number left out. Ordering makes a fit over the same customers sum in the same order however they were gathered;
 * grouping by x lets the likelihood evaluate its Gamma functions once per distinct x.
 */
public final class SpendData {

    private static final int VERSION = 1;

    private final int[] x;
    private final double[] meanSpend;
    private final long excluded;

    private SpendData(int[] x, double[] meanSpend, long excluded) {
        this.x = x;
        this.meanSpend = meanSpend;
        this.excluded = excluded;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The spend data of these customers. */
    public static SpendData of(Iterable<SpendSummary> customers) {
        Builder builder = builder();
        customers.forEach(builder::add);
        return builder.build();
    }

    /** Customers that inform the fit. */
    public int size() {
        return x.length;
    }

    /** Customers added that do not inform the fit (no repeat transaction or a zero mean value). */
    public long excluded() {
        return excluded;
    }

    public int x(int i) {
        return x[i];
    }

    public double meanSpend(int i) {
        return meanSpend[i];
    }

    /**
     * This data as bytes, to store a scan segment's part until the gather (version 1, big-endian): byte version, int
     * customers, long excluded, then per customer int x and double mean spend: 12 bytes per customer.
     */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(13 + 12 * x.length);
        out.put((byte) VERSION).putInt(x.length).putLong(excluded);
        for (int i = 0; i < x.length; i++) {
            out.putInt(x[i]).putDouble(meanSpend[i]);
        }
        return out.array();
    }

    /**
     * Data written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not such data (version, length, order, or a customer that
     *                                  does not inform the fit)
     */
    public static SpendData fromBytes(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("unknown SpendData version " + bytes[0]);
            }
            int size = in.getInt();
            long excluded = in.getLong();
            if (size < 0 || excluded < 0 || in.remaining() != 12L * size) {
                throw new IllegalArgumentException("SpendData bytes of the wrong length");
            }
            int[] x = new int[size];
            double[] meanSpend = new double[size];
            for (int i = 0; i < size; i++) {
                x[i] = in.getInt();
                meanSpend[i] = in.getDouble();
                if (x[i] < 1 || !(meanSpend[i] > 0) || Double.isInfinite(meanSpend[i])) {
                    throw new IllegalArgumentException("SpendData customer " + i + " does not inform the fit");
                }
                if (i > 0 && (x[i] < x[i - 1] || x[i] == x[i - 1] && meanSpend[i] < meanSpend[i - 1])) {
                    throw new IllegalArgumentException("SpendData customers must be ordered by x, spend, at " + i);
                }
            }
            return new SpendData(x, meanSpend, excluded);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("SpendData bytes too short", e);
        }
    }

    /** Collects spend histories; {@link #addAll} merges partial results, e.g. one per table scan segment. */
    public static final class Builder {

        private int[] x = new int[1 << 10];
        private double[] meanSpend = new double[1 << 10];
        private int size;
        private long excluded;

        private Builder() {
        }

        public Builder add(SpendSummary customer) {
            return add(customer.x(), customer.meanSpend());
        }

        /**
         * Adds one customer's history: {@code x} transactions of mean value {@code meanSpend}.
         *
         * @throws IllegalArgumentException if x &lt; 0 or meanSpend is negative or not finite
         */
        public Builder add(int x, double meanSpend) {
            if (x < 0 || !(meanSpend >= 0) || Double.isInfinite(meanSpend)) {
                throw new IllegalArgumentException("need x >= 0 and a finite meanSpend >= 0, got x=" + x
                        + ", meanSpend=" + meanSpend);
            }
            if (x == 0 || meanSpend == 0) {
                excluded++;
                return this;
            }
            if (size == this.x.length) {
                this.x = Arrays.copyOf(this.x, 2 * size);
                this.meanSpend = Arrays.copyOf(this.meanSpend, 2 * size);
            }
            this.x[size] = x;
            this.meanSpend[size++] = meanSpend;
            return this;
        }

        public Builder addAll(SpendData other) {
            for (int i = 0; i < other.size(); i++) {
                add(other.x(i), other.meanSpend(i));
            }
            excluded += other.excluded;
            return this;
        }

        public SpendData build() {
            int maxX = 0;
            for (int i = 0; i < size; i++) {
                maxX = Math.max(maxX, x[i]);
            }
            int[] start = new int[maxX + 2];
            for (int i = 0; i < size; i++) {
                start[x[i] + 1]++;
            }
            for (int k = 0; k <= maxX; k++) {
                start[k + 1] += start[k];
            }
            int[] sortedX = new int[size];
            double[] sortedSpend = new double[size];
            int[] next = Arrays.copyOf(start, maxX + 1);
            // bucket by x, then sort each bucket's spends (positive doubles order like their bit patterns)
            long[] bits = new long[size];
            for (int i = 0; i < size; i++) {
                bits[next[x[i]]++] = Double.doubleToLongBits(meanSpend[i]);
            }
            for (int k = 0; k <= maxX; k++) {
                Arrays.sort(bits, start[k], start[k + 1]);
                for (int j = start[k]; j < start[k + 1]; j++) {
                    sortedX[j] = k;
                    sortedSpend[j] = Double.longBitsToDouble(bits[j]);
                }
            }
            return new SpendData(sortedX, sortedSpend, excluded);
        }
    }
}
