package io.tally.core.domain.clv;

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
 * The brand's consumer asset on one report date: the sum of its consumers' valuations, in total and broken down by
 * lifecycle stage (for each of the given models), by channel and by segment. An accumulator: {@link #add} each
 * consumer's {@link ConsumerValuation} once, {@link #merge} the partial assets of table scan segments; the sums are
 * exact ({@link AssetTotals}), so the result does not depend on how the consumers were split or in which order the
 * parts are gathered.
 *
 * <ul>
 *   <li>By stage: every consumer is in exactly one stage of each model ({@link ConsumerValuation#NO_STAGE} when in
 *       none, or when the valuation has no stage for the model), so the stages of a model add up to the total.</li>
 *   <li>By channel and by segment: a consumer counts in full in each channel they were seen on and each segment
 *       they belong to. These breakdowns overlap and do not add up to the total; a consumer without a channel counts
 *       under {@link #NO_CHANNEL}, one in no segment in no segment.</li>
 *   <li>Alive buyers are buyers whose P(alive) is at least {@code aliveThreshold}.</li>
 * </ul>
 */
public final class ConsumerAsset {

    /** The channel key of a consumer seen on no channel. */
    public static final String NO_CHANNEL = "(none)";

    /** Default threshold of P(alive) below which a buyer counts as churned: 0.5. */
    public static final double DEFAULT_ALIVE_THRESHOLD = 0.5;

    private final List<String> models;
    private final double aliveThreshold;
    private final AssetTotals total = new AssetTotals();
    private final Map<String, SortedMap<String, AssetTotals>> byStage = new TreeMap<>();
    private final SortedMap<String, AssetTotals> byChannel = new TreeMap<>();
    private final SortedMap<String, AssetTotals> bySegment = new TreeMap<>();

    /**
     * @param models         keys of the lifecycle models to break the asset down by, e.g. {@code aipl}, {@code deeplink}
     * @param aliveThreshold P(alive) from which a buyer counts as alive, in (0, 1]
     */
    public ConsumerAsset(Collection<String> models, double aliveThreshold) {
        if (!(aliveThreshold > 0 && aliveThreshold <= 1)) {
            throw new IllegalArgumentException("aliveThreshold must be in (0, 1], got " + aliveThreshold);
        }
        this.models = List.copyOf(new TreeSet<>(models));
        this.aliveThreshold = aliveThreshold;
        this.models.forEach(model -> byStage.put(model, new TreeMap<>()));
    }

    /** Adds one consumer's valuation. */
    public ConsumerAsset add(ConsumerValuation valuation) {
        total.add(valuation, aliveThreshold);
        for (String model : models) {
            byStage.get(model).computeIfAbsent(valuation.stage(model), stage -> new AssetTotals())
                    .add(valuation, aliveThreshold);
        }
        if (valuation.channels().isEmpty()) {
            byChannel.computeIfAbsent(NO_CHANNEL, none -> new AssetTotals())
                    .add(valuation, aliveThreshold);
        }
        for (String channel : valuation.channels()) {
            byChannel.computeIfAbsent(channel, c -> new AssetTotals()).add(valuation, aliveThreshold);
        }
        for (String segment : valuation.segments()) {
            bySegment.computeIfAbsent(segment, s -> new AssetTotals()).add(valuation, aliveThreshold);
        }
        return this;
    }

    /**
     * Adds every consumer of {@code other}, a partial asset over other consumers.
     *
     * @throws IllegalArgumentException if the two were built with different models or thresholds
     */
    public ConsumerAsset merge(ConsumerAsset other) {
        if (!models.equals(other.models) || aliveThreshold != other.aliveThreshold) {
            throw new IllegalArgumentException("cannot merge assets of models " + other.models + " at threshold "
                    + other.aliveThreshold + " into " + models + " at " + aliveThreshold);
        }
        total.merge(other.total);
        other.byStage.forEach((model, stages) -> mergeInto(byStage.get(model), stages));
        mergeInto(byChannel, other.byChannel);
        mergeInto(bySegment, other.bySegment);
        return this;
    }

    /** A copy that later additions to either do not affect. */
    public ConsumerAsset copy() {
        return new ConsumerAsset(models, aliveThreshold).merge(this);
    }

    public List<String> models() {
        return models;
    }

    public double aliveThreshold() {
        return aliveThreshold;
    }

    /** Totals over every consumer. */
    public AssetTotals total() {
        return total;
    }

    /** Totals by stage code of {@code model}, in code order (empty for a model the asset was not built with). */
    public SortedMap<String, AssetTotals> byStage(String model) {
        return Collections.unmodifiableSortedMap(byStage.getOrDefault(model, new TreeMap<>()));
    }

    /** Totals by channel, in name order; overlapping. */
    public SortedMap<String, AssetTotals> byChannel() {
        return Collections.unmodifiableSortedMap(byChannel);
    }

    /** Totals by segment id, in id order; overlapping. */
    public SortedMap<String, AssetTotals> bySegment() {
        return Collections.unmodifiableSortedMap(bySegment);
    }

    /** The asset as a JSON-shaped map of exact sums, to store a part until the gather or the asset of a date. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("models", models);
        map.put("aliveThreshold", aliveThreshold);
        map.put("total", total.toMap());
        Map<String, Object> stages = new TreeMap<>();
        byStage.forEach((model, byCode) -> stages.put(model, totalsMap(byCode)));
        map.put("byStage", stages);
        map.put("byChannel", totalsMap(byChannel));
        map.put("bySegment", totalsMap(bySegment));
        return map;
    }

    /**
     * The asset from {@link #toMap()}.
     *
     * @throws IllegalArgumentException if the map is not such a snapshot
     */
    public static ConsumerAsset fromMap(Map<String, Object> map) {
        ConsumerAsset asset = new ConsumerAsset(Snapshots.strings(map.get("models"), "asset.models"),
                Snapshots.number(map.get("aliveThreshold"), "asset.aliveThreshold"));
        asset.total.merge(AssetTotals.fromMap(map.get("total"), "asset.total"));
        Map<String, Object> stages = Snapshots.map(map.get("byStage"), "asset.byStage");
        if (!stages.keySet().equals(new TreeSet<>(asset.models))) {
            throw Snapshots.invalid("asset.byStage", "must hold exactly the models " + asset.models);
        }
        stages.forEach((model, byCode) -> readTotals(byCode, "asset.byStage." + model, asset.byStage.get(model)));
        readTotals(map.get("byChannel"), "asset.byChannel", asset.byChannel);
        readTotals(map.get("bySegment"), "asset.bySegment", asset.bySegment);
        return asset;
    }

    static Map<String, Object> totalsMap(Map<String, AssetTotals> totals) {
        Map<String, Object> map = new TreeMap<>();
        totals.forEach((key, value) -> map.put(key, value.toMap()));
        return map;
    }

    static void readTotals(Object value, String path, Map<String, AssetTotals> into) {
        Snapshots.map(value, path).forEach((key, totals) -> into.put(key, AssetTotals.fromMap(totals,
                path + "." + key)));
    }

    private static void mergeInto(Map<String, AssetTotals> into, Map<String, AssetTotals> from) {
        from.forEach((key, totals) -> into.computeIfAbsent(key, k -> new AssetTotals()).merge(totals));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsumerAsset other && models.equals(other.models)
                && aliveThreshold == other.aliveThreshold && total.equals(other.total)
                && byStage.equals(other.byStage) && byChannel.equals(other.byChannel)
                && bySegment.equals(other.bySegment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(models, aliveThreshold, total, byStage, byChannel, bySegment);
    }

    @Override
    public String toString() {
        return "ConsumerAsset[total=" + total + ", byStage=" + byStage + ", byChannel=" + byChannel
                + ", bySegment=" + bySegment + "]";
    }
}
