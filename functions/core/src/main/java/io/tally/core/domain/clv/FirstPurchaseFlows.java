package io.tally.core.domain.clv;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Observed one-period outcomes of consumers who had never bought, by their stage in one lifecycle model at the start
 * of the period: how many made a first purchase during the period, and where the others were at its end. Counts add
 * up, so the outcomes of many periods and of many table scan segments {@link #merge} in any order and grouping.
 *
 * <p>Each consumer observed is one unit: a consumer who is a non-buyer in stage s at the start of a period
 * contributes to exactly one outcome of s, {@link #FIRST_PURCHASE} or the stage (possibly s, possibly
 * {@link ConsumerValuation#NO_STAGE}) in which the period ends. Consumers who disappear during the period (erased, or
 * merged into another profile) are left out: they are censored, not failures.
 */
public final class FirstPurchaseFlows {

    /** The outcome "made a first purchase during the period". */
    public static final String FIRST_PURCHASE = "(first purchase)";

    private final Map<String, Map<String, Long>> counts = new TreeMap<>();

    /**
     * Records {@code consumers} non-buyers who were in {@code fromStage} at the start of a period and ended it in
     * {@code outcome}.
     *
     * @param fromStage a stage code, or null or {@link ConsumerValuation#NO_STAGE} for no stage
     * @param outcome   {@link #FIRST_PURCHASE}, or the stage at the end of the period (null for no stage)
     */
    public FirstPurchaseFlows add(String fromStage, String outcome, long consumers) {
        if (consumers < 0) {
            throw new IllegalArgumentException("consumers must be >= 0, got " + consumers);
        }
        if (consumers > 0) {
            counts.computeIfAbsent(ConsumerValuation.stageKey(fromStage), stage -> new TreeMap<>())
                    .merge(ConsumerValuation.stageKey(outcome), consumers, Math::addExact);
        }
        return this;
    }

    /** Adds every count of {@code other} to this one. */
    public FirstPurchaseFlows merge(FirstPurchaseFlows other) {
        other.counts.forEach((from, outcomes) -> outcomes.forEach((outcome, n) -> add(from, outcome, n)));
        return this;
    }

    /** Non-buyers observed at the start of a period in {@code stage}. */
    public long atRisk(String stage) {
        return outcomes(stage).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Of those, how many made a first purchase during the period. */
    public long firstPurchases(String stage) {
        return outcomes(stage).getOrDefault(FIRST_PURCHASE, 0L);
    }

    /** The outcomes of the non-buyers who started a period in {@code stage}: count by outcome. */
    public Map<String, Long> outcomes(String stage) {
        return Collections.unmodifiableMap(counts.getOrDefault(ConsumerValuation.stageKey(stage), Map.of()));
    }

    /** Every stage observed at the start or the end of a period, in code order. */
    public SortedSet<String> stages() {
        SortedSet<String> stages = new TreeSet<>(counts.keySet());
        counts.values().forEach(outcomes -> stages.addAll(outcomes.keySet()));
        stages.remove(FIRST_PURCHASE);
        return Collections.unmodifiableSortedSet(stages);
    }

    /** The counts as a JSON-shaped map, stage at the start of a period to outcome to count, for storage. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new TreeMap<>();
        counts.forEach((from, outcomes) -> map.put(from, new TreeMap<>(outcomes)));
        return map;
    }

    /**
     * Flows from {@link #toMap()}.
     *
     * @throws IllegalArgumentException if it is not such a map of whole, non-negative counts
     */
    public static FirstPurchaseFlows fromMap(Map<String, Object> map) {
        return fromMap(map, "flows");
    }

    static FirstPurchaseFlows fromMap(Object value, String path) {
        FirstPurchaseFlows flows = new FirstPurchaseFlows();
        Snapshots.map(value, path).forEach((from, outcomes) -> Snapshots.map(outcomes, path + "." + from)
                .forEach((outcome, n) -> {
                    long count = Snapshots.integer(n, path + "." + from + "." + outcome);
                    if (count < 0) {
                        throw Snapshots.invalid(path + "." + from + "." + outcome, "must be >= 0");
                    }
                    flows.add(from, outcome, count);
                }));
        return flows;
    }

    /** A copy that later additions to either do not affect. */
    public FirstPurchaseFlows copy() {
        return new FirstPurchaseFlows().merge(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirstPurchaseFlows other && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counts);
    }

    @Override
    public String toString() {
        return "FirstPurchaseFlows" + counts;
    }
}
