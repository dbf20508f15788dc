package io.tally.core.domain.clv;

import io.tally.core.domain.lifecycle.StageAssignment;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One consumer's valuation on a report date, with what the consumer asset is broken down by. A buyer is valued by
 * the BG/NBD and Gamma-Gamma models ({@link CustomerValue}), a consumer who never bought by the probability of a first
 * purchase from their stage ({@link NonBuyerValue}).
 *
 * @param buyer                    whether the consumer had bought by the report date
 * @param value                    discounted value over the horizon, in the brand's currency
 * @param expectedPurchases        expected purchases over the horizon, undiscounted
 * @param probabilityAlive         a buyer's P(alive) (BG/NBD); 0 for a non-buyer
 * @param probabilityFirstPurchase a non-buyer's P(first purchase within the horizon); 0 for a buyer
 * @param stages                   stage code by lifecycle model key; {@link #NO_STAGE} (or a null value on input)
 *                                 when the consumer is in no stage of that model
 * @param channels                 the channels the consumer was seen on
 * @param segments                 the ids of the segments the consumer belongs to
 */
public record ConsumerValuation(boolean buyer, double value, double expectedPurchases, double probabilityAlive,
                                double probabilityFirstPurchase, Map<String, String> stages, Set<String> channels,
                                Set<String> segments) {

    /** The stage key of a consumer in no stage of a model (stage codes start with a letter, so it never clashes). */
    public static final String NO_STAGE = "(none)";

    public ConsumerValuation {
        if (!isNonNegativeFinite(value) || !isNonNegativeFinite(expectedPurchases)
                || !(probabilityAlive >= 0 && probabilityAlive <= 1)
                || !(probabilityFirstPurchase >= 0 && probabilityFirstPurchase <= 1)) {
            throw new IllegalArgumentException("need a finite value and expected purchases >= 0 and probabilities in"
                    + " [0, 1], got value=" + value + ", expectedPurchases=" + expectedPurchases + ", probabilityAlive="
                    + probabilityAlive + ", probabilityFirstPurchase=" + probabilityFirstPurchase);
        }
        Map<String, String> codes = new TreeMap<>();
        stages.forEach((model, code) -> codes.put(model, stageKey(code)));
        stages = Collections.unmodifiableMap(codes);
        channels = Set.copyOf(channels);
        segments = Set.copyOf(segments);
    }

    /** The valuation of a buyer. */
    public static ConsumerValuation buyer(CustomerValue value, Map<String, String> stages, Set<String> channels,
                                          Set<String> segments) {
        return new ConsumerValuation(true, value.discountedValue(), value.expectedPurchases(),
                value.probabilityAlive(), 0, stages, channels, segments);
    }

    /** The valuation of a consumer who has not bought. */
    public static ConsumerValuation nonBuyer(NonBuyerValue value, Map<String, String> stages, Set<String> channels,
                                             Set<String> segments) {
        return new ConsumerValuation(false, value.discountedValue(), value.expectedPurchases(), 0,
                value.probabilityFirstPurchase(), stages, channels, segments);
    }

    /** The stage codes of {@link io.tally.core.domain.lifecycle.StageModels#evaluate} assignments, by model key. */
    public static Map<String, String> stageCodes(Map<String, StageAssignment> assignments) {
        Map<String, String> codes = new TreeMap<>();
        assignments.forEach((model, assignment) -> codes.put(model, stageKey(assignment.stageCode())));
        return codes;
    }

    /** The consumer's stage in {@code model}, {@link #NO_STAGE} if none. */
    public String stage(String model) {
        return stages.getOrDefault(model, NO_STAGE);
    }

    /** Whether a buyer's P(alive) is at least {@code threshold}; false for a non-buyer. */
    public boolean isAlive(double threshold) {
        return buyer && probabilityAlive >= threshold;
    }

    static String stageKey(String stage) {
        return stage == null ? NO_STAGE : stage;
    }

    private static boolean isNonNegativeFinite(double v) {
        return v >= 0 && v < Double.POSITIVE_INFINITY;
    }
}
