package io.tally.core.domain.clv;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The change of the consumer asset between two report dates, accumulated from each consumer's pair of valuations
 * (earlier, later). An accumulator like {@link ConsumerAsset}: {@link #add} each pair once, {@link #merge} the parts of
 * table scan segments; sums are exact, so parts gather to the same result in any order.
 *
 * <p>Besides the {@link AssetChangeSummary}, the pairs give, per lifecycle model, the stage migrations of the
 * consumers present on both dates and the {@link FirstPurchaseFlows} of those who had not bought on the earlier date:
 * comparing report dates one month apart yields the monthly flows {@link FirstPurchaseModel} is estimated from.
 *
 * <p>A consumer erased (or merged away) since the earlier date has no later valuation. When the scan of the later
 * date cannot see such consumers, {@link #summary(ConsumerAsset)} finds them from the earlier date's stored asset:
 * whatever part of it was not reported as an earlier valuation is gone.
 */
public final class AssetChange {

    private static final int NEW_BUYERS = 0;
    private static final int REACTIVATED = 1;
    private static final int NEW_BUYERS_CHANGE = 2;
    private static final int BUYERS_CHANGE = 3;
    private static final int NON_BUYERS_CHANGE = 4;
    private static final String[] COUNT_NAMES = {"newBuyers", "reactivatedBuyers", "newBuyersChangeMicros",
        "buyersChangeMicros", "nonBuyersChangeMicros"};

    private final List<String> models;
    private final double aliveThreshold;
    private final AssetTotals before = new AssetTotals();
    private final AssetTotals after = new AssetTotals();
    private final AssetTotals newConsumers = new AssetTotals();
    private final AssetTotals gone = new AssetTotals();
    private final AssetTotals churned = new AssetTotals();
    private final long[] counts = new long[5];
    private final Map<String, SortedMap<String, SortedMap<String, Long>>> migrations = new TreeMap<>();
    private final Map<String, FirstPurchaseFlows> flows = new TreeMap<>();

    /**
     * @param models         keys of the lifecycle models to follow, e.g. {@code aipl}, {@code deeplink}
     * @param aliveThreshold P(alive) from which a buyer counts as alive, in (0, 1]; the same as the assets'
     */
    public AssetChange(Collection<String> models, double aliveThreshold) {
        if (!(aliveThreshold > 0 && aliveThreshold <= 1)) {
            throw new IllegalArgumentException("aliveThreshold must be in (0, 1], got " + aliveThreshold);
        }
        this.models = List.copyOf(new TreeSet<>(models));
        this.aliveThreshold = aliveThreshold;
        for (String model : this.models) {
            migrations.put(model, new TreeMap<>());
            flows.put(model, new FirstPurchaseFlows());
        }
    }

    /**
     * Adds one consumer's valuations on the earlier and the later date.
     *
     * @param earlier null if the consumer did not exist on the earlier date
     * @param later   null if the consumer was erased or merged away since
     * @throws IllegalArgumentException if both are null, or the consumer was a buyer earlier and is not later
     */
    public AssetChange add(ConsumerValuation earlier, ConsumerValuation later) {
        if (earlier == null && later == null) {
            throw new IllegalArgumentException("need at least one of the two valuations");
        }
        if (earlier != null && later != null && earlier.buyer() && !later.buyer()) {
            throw new IllegalArgumentException("a buyer cannot become a non-buyer");
        }
        if (earlier != null) {
            before.add(earlier, aliveThreshold);
            if (earlier.isAlive(aliveThreshold) && (later == null || !later.isAlive(aliveThreshold))) {
                churned.add(earlier, aliveThreshold);
            }
        }
        if (later != null) {
            after.add(later, aliveThreshold);
            if (later.buyer() && (earlier == null || !earlier.buyer())) {
                counts[NEW_BUYERS]++;
            }
        }
        if (earlier == null) {
            newConsumers.add(later, aliveThreshold);
            return this;
        }
        if (later == null) {
            gone.add(earlier, aliveThreshold);
            return this;
        }
        if (earlier.buyer() && !earlier.isAlive(aliveThreshold) && later.isAlive(aliveThreshold)) {
            counts[REACTIVATED]++;
        }
        long change = Math.subtractExact(AssetTotals.micros(later.value()), AssetTotals.micros(earlier.value()));
        int kind = earlier.buyer() ? BUYERS_CHANGE : later.buyer() ? NEW_BUYERS_CHANGE : NON_BUYERS_CHANGE;
        counts[kind] = Math.addExact(counts[kind], change);
        for (String model : models) {
            String from = earlier.stage(model);
            String to = later.stage(model);
            migrations.get(model).computeIfAbsent(from, f -> new TreeMap<>()).merge(to, 1L, Math::addExact);
            if (!earlier.buyer()) {
                flows.get(model).add(from, later.buyer() ? FirstPurchaseFlows.FIRST_PURCHASE : to, 1);
            }
        }
        return this;
    }

    /**
     * Adds every pair of {@code other}, a part over other consumers.
     *
     * @throws IllegalArgumentException if the two were built with different models or thresholds
     */
    public AssetChange merge(AssetChange other) {
        if (!models.equals(other.models) || aliveThreshold != other.aliveThreshold) {
            throw new IllegalArgumentException("cannot merge changes of models " + other.models + " at threshold "
                    + other.aliveThreshold + " into " + models + " at " + aliveThreshold);
        }
        before.merge(other.before);
        after.merge(other.after);
        newConsumers.merge(other.newConsumers);
        gone.merge(other.gone);
        churned.merge(other.churned);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.addExact(counts[i], other.counts[i]);
        }
        other.migrations.forEach((model, byFrom) -> byFrom.forEach((from, byTo) -> byTo.forEach((to, n) ->
                migrations.get(model).computeIfAbsent(from, f -> new TreeMap<>()).merge(to, n, Math::addExact))));
        other.flows.forEach((model, modelFlows) -> flows.get(model).merge(modelFlows));
        return this;
    }

    /** A copy that later additions to either do not affect. */
    public AssetChange copy() {
        return new AssetChange(models, aliveThreshold).merge(this);
    }

    /** The change over the pairs added: the earlier asset is the sum of the earlier valuations given. */
    public AssetChangeSummary summary() {
        return summary(before, gone, churned);
    }

    /**
     * The change from {@code earlierAsset}, the stored asset of the earlier date: its consumers not given as an
     * earlier valuation count as gone (and as churned if they were alive buyers).
     *
     * @throws IllegalArgumentException if the asset was built with another threshold, or counts fewer consumers,
     *                                  buyers or alive buyers than the earlier valuations given
     */
    public AssetChangeSummary summary(ConsumerAsset earlierAsset) {
        if (earlierAsset.aliveThreshold() != aliveThreshold) {
            throw new IllegalArgumentException("the earlier asset's alive threshold " + earlierAsset.aliveThreshold()
                    + " is not this change's " + aliveThreshold);
        }
        AssetTotals unseen = earlierAsset.total().minus(before);
        if (unseen.consumers() < 0 || unseen.buyers() < 0 || unseen.aliveBuyers() < 0) {
            throw new IllegalArgumentException("the earlier asset " + earlierAsset.total()
                    + " does not contain the earlier valuations given " + before);
        }
        AssetTotals allGone = gone.copy();
        allGone.merge(unseen);
        // churned buyers are read as the alive buyers of these totals: all of the earlier alive buyers not seen
        AssetTotals allChurned = churned.copy();
        allChurned.merge(unseen);
        return summary(earlierAsset.total(), allGone, allChurned);
    }

    private AssetChangeSummary summary(AssetTotals earlier, AssetTotals goneConsumers, AssetTotals churnedBuyers) {
        return new AssetChangeSummary(earlier.consumers(), after.consumers(), newConsumers.consumers(),
                goneConsumers.consumers(), counts[NEW_BUYERS], churnedBuyers.aliveBuyers(), counts[REACTIVATED],
                earlier.value(), after.value(), newConsumers.value(), goneConsumers.value(),
                AssetTotals.money(counts[NEW_BUYERS_CHANGE]), AssetTotals.money(counts[BUYERS_CHANGE]),
                AssetTotals.money(counts[NON_BUYERS_CHANGE]), churnedBuyers.aliveBuyerValue());
    }

    /**
     * Consumers present on both dates by their stage of {@code model} on the earlier date, then on the later one.
     */
    public SortedMap<String, SortedMap<String, Long>> stageMigrations(String model) {
        SortedMap<String, SortedMap<String, Long>> copy = new TreeMap<>();
        migrations.getOrDefault(model, new TreeMap<>())
                .forEach((from, byTo) -> copy.put(from, Collections.unmodifiableSortedMap(new TreeMap<>(byTo))));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** The one-period outcomes of the earlier date's non-buyers by their stage of {@code model} then (a copy). */
    public FirstPurchaseFlows firstPurchaseFlows(String model) {
        FirstPurchaseFlows modelFlows = flows.get(model);
        return modelFlows == null ? new FirstPurchaseFlows() : modelFlows.copy();
    }

    /** The change as a JSON-shaped map of exact sums, to store a scan segment's part until the gather. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("models", models);
        map.put("aliveThreshold", aliveThreshold);
        map.put("before", before.toMap());
        map.put("after", after.toMap());
        map.put("newConsumers", newConsumers.toMap());
        map.put("gone", gone.toMap());
        map.put("churned", churned.toMap());
        for (int i = 0; i < COUNT_NAMES.length; i++) {
            map.put(COUNT_NAMES[i], counts[i]);
        }
        Map<String, Object> stageMigrations = new TreeMap<>();
        migrations.forEach((model, byFrom) -> {
            Map<String, Object> from = new TreeMap<>();
            byFrom.forEach((stage, byTo) -> from.put(stage, new TreeMap<>(byTo)));
            stageMigrations.put(model, from);
        });
        map.put("migrations", stageMigrations);
        Map<String, Object> modelFlows = new TreeMap<>();
        flows.forEach((model, f) -> modelFlows.put(model, f.toMap()));
        map.put("flows", modelFlows);
        return map;
    }

    /**
     * The change from {@link #toMap()}.
     *
     * @throws IllegalArgumentException if the map is not such a snapshot
     */
    public static AssetChange fromMap(Map<String, Object> map) {
        AssetChange change = new AssetChange(Snapshots.strings(map.get("models"), "change.models"),
                Snapshots.number(map.get("aliveThreshold"), "change.aliveThreshold"));
        change.before.merge(AssetTotals.fromMap(map.get("before"), "change.before"));
        change.after.merge(AssetTotals.fromMap(map.get("after"), "change.after"));
        change.newConsumers.merge(AssetTotals.fromMap(map.get("newConsumers"), "change.newConsumers"));
        change.gone.merge(AssetTotals.fromMap(map.get("gone"), "change.gone"));
        change.churned.merge(AssetTotals.fromMap(map.get("churned"), "change.churned"));
        for (int i = 0; i < COUNT_NAMES.length; i++) {
            change.counts[i] = Snapshots.integer(map.get(COUNT_NAMES[i]), "change." + COUNT_NAMES[i]);
        }
        Map<String, Object> stageMigrations = Snapshots.map(map.get("migrations"), "change.migrations");
        Map<String, Object> modelFlows = Snapshots.map(map.get("flows"), "change.flows");
        if (!stageMigrations.keySet().equals(change.migrations.keySet())
                || !modelFlows.keySet().equals(change.flows.keySet())) {
            throw Snapshots.invalid("change", "migrations and flows must hold exactly the models " + change.models);
        }
        stageMigrations.forEach((model, byFrom) -> Snapshots.map(byFrom, "change.migrations." + model)
                .forEach((from, byTo) -> Snapshots.map(byTo, "change.migrations." + model + "." + from)
                        .forEach((to, n) -> change.migrations.get(model).computeIfAbsent(from, f -> new TreeMap<>())
                                .put(to, Snapshots.integer(n, "change.migrations." + model + "." + from + "." + to)))));
        modelFlows.forEach((model, f) -> change.flows.get(model).merge(FirstPurchaseFlows.fromMap(f,
                "change.flows." + model)));
        return change;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssetChange other && models.equals(other.models)
                && aliveThreshold == other.aliveThreshold && before.equals(other.before)
                && after.equals(other.after) && newConsumers.equals(other.newConsumers) && gone.equals(other.gone)
                && churned.equals(other.churned) && Arrays.equals(counts, other.counts)
                && migrations.equals(other.migrations) && flows.equals(other.flows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(models, aliveThreshold, before, after, newConsumers, gone, churned,
                Arrays.hashCode(counts), migrations, flows);
    }
}
