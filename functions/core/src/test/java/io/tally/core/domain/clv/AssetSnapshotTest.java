package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tally.core.domain.clv.ConsumerAssetTest.MODELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Storing the accumulators' parts as JSON-shaped maps and reading them back for the gather. */
class AssetSnapshotTest {

    @Test
    void givenAssetPartsStoredAsJson_whenReadBackAndMerged_thenTheSameAssetAsWithoutStoring() {
        List<ConsumerValuation> consumers = ConsumerAssetTest.randomValuations(2_000, 21);
        ConsumerAsset all = new ConsumerAsset(MODELS, 0.5);
        ConsumerAsset first = new ConsumerAsset(MODELS, 0.5);
        ConsumerAsset second = new ConsumerAsset(MODELS, 0.5);
        for (int i = 0; i < consumers.size(); i++) {
            all.add(consumers.get(i));
            (i % 3 == 0 ? first : second).add(consumers.get(i));
        }

        ConsumerAsset gathered = ConsumerAsset.fromMap(asParsedJson(first.toMap()))
                .merge(ConsumerAsset.fromMap(asParsedJson(second.toMap())));

        assertThat(gathered).isEqualTo(all);
        assertThat(ConsumerAsset.fromMap(asParsedJson(all.toMap()))).isEqualTo(all);
    }

    @Test
    void givenAChangeStoredAsJson_whenReadBack_thenEqual() {
        List<ConsumerValuation> earlier = ConsumerAssetTest.randomValuations(500, 1);
        List<ConsumerValuation> later = ConsumerAssetTest.randomValuations(500, 2);
        AssetChange change = new AssetChange(MODELS, 0.5);
        for (int i = 0; i < earlier.size(); i++) {
            ConsumerValuation before = i % 7 == 0 ? null : earlier.get(i);
            ConsumerValuation after = i % 7 == 1 ? null : later.get(i);
            if (before == null || after == null || !before.buyer() || after.buyer()) {
                change.add(before, after);
            }
        }

        AssetChange restored = AssetChange.fromMap(asParsedJson(change.toMap()));

        assertThat(restored).isEqualTo(change);
        assertThat(restored.summary()).isEqualTo(change.summary());
        assertThat(restored.firstPurchaseFlows("deeplink")).isEqualTo(change.firstPurchaseFlows("deeplink"));
    }

    @Test
    void givenFlowsStoredAsJson_whenReadBack_thenEqual() {
        FirstPurchaseFlows flows = new FirstPurchaseFlows().add("ENGAGE", FirstPurchaseFlows.FIRST_PURCHASE, 3)
                .add(null, null, 10_000_000_000L).add("ENGAGE", "PERFORM", 2);

        assertThat(FirstPurchaseFlows.fromMap(asParsedJson(flows.toMap()))).isEqualTo(flows);
    }

    @Test
    void givenMalformedSnapshots_whenReadBack_thenRejectedWithThePath() {
        ConsumerAsset asset = new ConsumerAsset(MODELS, 0.5)
                .add(ConsumerAssetTest.buyer(10, 0.9, "L", "KEEP", Set.of("web"), Set.of()));
        Map<String, Object> fractional = asParsedJson(asset.toMap());
        totals(fractional).put("valueMicros", 1.5);
        Map<String, Object> inconsistent = asParsedJson(asset.toMap());
        totals(inconsistent).put("buyers", 2);
        Map<String, Object> missingModel = asParsedJson(asset.toMap());
        ((Map<?, ?>) missingModel.get("byStage")).remove("aipl");

        assertThatThrownBy(() -> ConsumerAsset.fromMap(fractional)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asset.total.valueMicros");
        assertThatThrownBy(() -> ConsumerAsset.fromMap(inconsistent)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asset.total");
        assertThatThrownBy(() -> ConsumerAsset.fromMap(missingModel)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asset.byStage");
        assertThatThrownBy(() -> FirstPurchaseFlows.fromMap(Map.of("A", Map.of("A", -1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> totals(Map<String, Object> asset) {
        return (Map<String, Object>) asset.get("total");
    }

    /** The value as a JSON parser returns it: integers that fit as Integer, lists and maps mutable. */
    @SuppressWarnings("unchecked")
    static <T> T asParsedJson(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, asParsedJson(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(asParsedJson(v)));
            return (T) copy;
        }
        if (value instanceof Long l && l == l.intValue()) {
            return (T) Integer.valueOf(l.intValue());
        }
        return value;
    }
}
