package io.tally.core.domain.clv;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Totals over a group of consumer valuations: counts and sums of values, expected purchases and probabilities. Sums
 * are kept exactly, as integers of millionths (each valuation rounded once to 1e-6), so adding and merging are
 * associative and commutative to the last digit: partial totals of table scan segments gather to the same result in
 * any order. A sum beyond 9.2 &times; 10^12 (of a money amount or of expected purchases) throws
 * {@link ArithmeticException} instead of wrapping.
 */
public final class AssetTotals {

    private static final double MICROS = 1e6;
    private static final int CONSUMERS = 0;
    private static final int BUYERS = 1;
    private static final int ALIVE_BUYERS = 2;
    private static final int VALUE = 3;
    private static final int BUYER_VALUE = 4;
    private static final int ALIVE_BUYER_VALUE = 5;
    private static final int EXPECTED_PURCHASES = 6;
    private static final int EXPECTED_ALIVE = 7;
    private static final int EXPECTED_FIRST_PURCHASES = 8;

    private static final String[] NAMES = {"consumers", "buyers", "aliveBuyers", "valueMicros", "buyerValueMicros",
        "aliveBuyerValueMicros", "expectedPurchasesMicros", "expectedAliveMicros", "expectedFirstPurchasesMicros"};

    private final long[] sums = new long[9];

    AssetTotals() {
    }

    void add(ConsumerValuation valuation, double aliveThreshold) {
        long value = micros(valuation.value());
        sums[CONSUMERS]++;
        sums[VALUE] = Math.addExact(sums[VALUE], value);
        sums[EXPECTED_PURCHASES] = Math.addExact(sums[EXPECTED_PURCHASES], micros(valuation.expectedPurchases()));
        if (valuation.buyer()) {
            sums[BUYERS]++;
            sums[BUYER_VALUE] = Math.addExact(sums[BUYER_VALUE], value);
            sums[EXPECTED_ALIVE] = Math.addExact(sums[EXPECTED_ALIVE], micros(valuation.probabilityAlive()));
            if (valuation.isAlive(aliveThreshold)) {
                sums[ALIVE_BUYERS]++;
                sums[ALIVE_BUYER_VALUE] = Math.addExact(sums[ALIVE_BUYER_VALUE], value);
            }
        } else {
            sums[EXPECTED_FIRST_PURCHASES] = Math.addExact(sums[EXPECTED_FIRST_PURCHASES],
                    micros(valuation.probabilityFirstPurchase()));
        }
    }

    void merge(AssetTotals other) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] = Math.addExact(sums[i], other.sums[i]);
        }
    }

    /** this - other, for totals of which {@code other} is a part. */
    AssetTotals minus(AssetTotals other) {
        AssetTotals difference = new AssetTotals();
        for (int i = 0; i < sums.length; i++) {
            difference.sums[i] = Math.subtractExact(sums[i], other.sums[i]);
        }
        return difference;
    }

    AssetTotals copy() {
        AssetTotals copy = new AssetTotals();
        copy.merge(this);
        return copy;
    }

    /** The exact sums as a JSON-shaped map (amounts in millionths), for storage. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < sums.length; i++) {
            map.put(NAMES[i], sums[i]);
        }
        return map;
    }

    /**
     * Totals from {@link #toMap()}.
     *
     * @throws IllegalArgumentException if a sum is missing or not a whole number, or counts are inconsistent
     */
    public static AssetTotals fromMap(Map<String, Object> map) {
        return fromMap(map, "totals");
    }

    static AssetTotals fromMap(Object value, String path) {
        Map<String, Object> map = Snapshots.map(value, path);
        AssetTotals totals = new AssetTotals();
        for (int i = 0; i < NAMES.length; i++) {
            totals.sums[i] = Snapshots.integer(map.get(NAMES[i]), path + "." + NAMES[i]);
        }
        if (map.size() != NAMES.length || totals.sums[CONSUMERS] < totals.sums[BUYERS]
                || totals.sums[BUYERS] < totals.sums[ALIVE_BUYERS] || totals.sums[ALIVE_BUYERS] < 0) {
            throw Snapshots.invalid(path, "must hold exactly " + String.join(", ", NAMES)
                    + " with consumers >= buyers >= alive buyers >= 0");
        }
        return totals;
    }

    static long micros(double amount) {
        if (!(Math.abs(amount) * MICROS < Long.MAX_VALUE)) {
            throw new ArithmeticException("amount out of range: " + amount);
        }
        return Math.round(amount * MICROS);
    }

    static BigDecimal money(long micros) {
        return BigDecimal.valueOf(micros, 6);
    }

    public long consumers() {
        return sums[CONSUMERS];
    }

    public long buyers() {
        return sums[BUYERS];
    }

    public long nonBuyers() {
        return sums[CONSUMERS] - sums[BUYERS];
    }

    /** Buyers whose P(alive) is at least the asset's threshold. */
    public long aliveBuyers() {
        return sums[ALIVE_BUYERS];
    }

    /** The consumer asset: the sum of the discounted values, to the millionth. */
    public BigDecimal value() {
        return money(sums[VALUE]);
    }

    public BigDecimal buyerValue() {
        return money(sums[BUYER_VALUE]);
    }

    public BigDecimal nonBuyerValue() {
        return money(sums[VALUE] - sums[BUYER_VALUE]);
    }

    /** The value of the buyers counted in {@link #aliveBuyers()}. */
    public BigDecimal aliveBuyerValue() {
        return money(sums[ALIVE_BUYER_VALUE]);
    }

    /** Expected purchases over the horizon, of buyers and non-buyers. */
    public double expectedPurchases() {
        return sums[EXPECTED_PURCHASES] / MICROS;
    }

    /** &Sigma; P(alive) over the buyers: the expected number of buyers still active. */
    public double expectedAliveBuyers() {
        return sums[EXPECTED_ALIVE] / MICROS;
    }

    /** &Sigma; P(first purchase within the horizon) over the non-buyers: the expected number of new buyers. */
    public double expectedFirstPurchases() {
        return sums[EXPECTED_FIRST_PURCHASES] / MICROS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssetTotals other && Arrays.equals(sums, other.sums);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sums);
    }

    @Override
    public String toString() {
        return "AssetTotals[consumers=" + consumers() + ", buyers=" + buyers() + ", aliveBuyers=" + aliveBuyers()
                + ", value=" + value() + ", buyerValue=" + buyerValue() + ", expectedPurchases="
                + expectedPurchases() + "]";
    }
}
