package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static io.tally.core.domain.clv.ConsumerAssetTest.MODELS;
import static io.tally.core.domain.clv.ConsumerAssetTest.buyer;
import static io.tally.core.domain.clv.ConsumerAssetTest.nonBuyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetChangeTest {

    private static final Set<String> WEB = Set.of("web");

    /** Earlier and later valuations of seven consumers, one of each kind of change. */
    private static final ConsumerValuation[][] PAIRS = {
        {null, nonBuyer(4, 0.1, "A", "DISCOVER", WEB, Set.of())},
        {null, buyer(50, 0.9, "P", "LEAD", WEB, Set.of())},
        {buyer(80, 0.9, "L", "INHERIT", WEB, Set.of()), null},
        {nonBuyer(6, 0.2, "I", "ENGAGE", WEB, Set.of()), buyer(40, 1, "P", "LEAD", WEB, Set.of())},
        {buyer(60, 0.8, "L", "INHERIT", WEB, Set.of()), buyer(20, 0.3, "P", "LEAD", WEB, Set.of())},
        {buyer(10, 0.2, "P", "LEAD", WEB, Set.of()), buyer(45, 0.7, "L", "INHERIT", WEB, Set.of())},
        {nonBuyer(3, 0.05, "A", "DISCOVER", WEB, Set.of()), nonBuyer(2, 0.01, null, null, WEB, Set.of())},
    };

    @Test
    void givenOneConsumerOfEachKindOfChange_whenSummarized_thenCountsAndValuesOfEach() {
        AssetChange change = new AssetChange(MODELS, 0.5);
        for (ConsumerValuation[] pair : PAIRS) {
            change.add(pair[0], pair[1]);
        }

        AssetChangeSummary summary = change.summary();

        assertThat(summary.consumersBefore()).isEqualTo(5);
        assertThat(summary.consumersAfter()).isEqualTo(6);
        assertThat(summary.newConsumers()).isEqualTo(2);
        assertThat(summary.goneConsumers()).isEqualTo(1);
        assertThat(summary.newBuyers()).isEqualTo(2);
        assertThat(summary.churnedBuyers()).isEqualTo(2);
        assertThat(summary.reactivatedBuyers()).isEqualTo(1);
        assertThat(summary.valueBefore()).isEqualByComparingTo("159");
        assertThat(summary.valueAfter()).isEqualByComparingTo("161");
        assertThat(summary.valueGrowth()).isEqualByComparingTo("2");
        assertThat(summary.newConsumersValue()).isEqualByComparingTo("54");
        assertThat(summary.goneConsumersValue()).isEqualByComparingTo("80");
        assertThat(summary.newBuyersValueChange()).isEqualByComparingTo("34");
        assertThat(summary.buyersValueChange()).isEqualByComparingTo("-5");
        assertThat(summary.nonBuyersValueChange()).isEqualByComparingTo("-1");
        assertThat(summary.churnedBuyersValue()).isEqualByComparingTo("140");
        assertThat(summary.growthRate()).isEqualTo(2.0 / 159);
    }

    @Test
    void givenTheStoredEarlierAssetWithConsumersTheScanNoLongerSees_whenSummarized_thenTheyAreGone() {
        AssetChange change = new AssetChange(MODELS, 0.5);
        ConsumerAsset earlier = new ConsumerAsset(MODELS, 0.5)
                .add(buyer(30, 0.6, "L", "KEEP", WEB, Set.of()))
                .add(nonBuyer(1, 0.01, "A", "DISCOVER", WEB, Set.of()));
        for (ConsumerValuation[] pair : PAIRS) {
            change.add(pair[0], pair[1]);
            if (pair[0] != null) {
                earlier.add(pair[0]);
            }
        }

        AssetChangeSummary summary = change.summary(earlier);

        assertThat(summary.consumersBefore()).isEqualTo(7);
        assertThat(summary.goneConsumers()).isEqualTo(3);
        assertThat(summary.goneConsumersValue()).isEqualByComparingTo("111");
        assertThat(summary.churnedBuyers()).isEqualTo(3);
        assertThat(summary.churnedBuyersValue()).isEqualByComparingTo("170");
        assertThat(summary.valueBefore()).isEqualByComparingTo("190");
        assertThat(summary.valueGrowth()).isEqualByComparingTo("-29");
    }

    @Test
    void givenAnEarlierAssetThatLacksTheEarlierValuations_whenSummarized_thenRejected() {
        AssetChange change = new AssetChange(MODELS, 0.5);
        for (ConsumerValuation[] pair : PAIRS) {
            change.add(pair[0], pair[1]);
        }

        assertThatThrownBy(() -> change.summary(new ConsumerAsset(MODELS, 0.5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> change.summary(new ConsumerAsset(MODELS, 0.4)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenPairs_whenFollowingStages_thenMigrationsAndFirstPurchaseFlowsOfTheEarlierNonBuyers() {
        AssetChange change = new AssetChange(MODELS, 0.5);
        for (ConsumerValuation[] pair : PAIRS) {
            change.add(pair[0], pair[1]);
        }

        FirstPurchaseFlows flows = change.firstPurchaseFlows("deeplink");

        assertThat(flows).isEqualTo(new FirstPurchaseFlows().add("ENGAGE", FirstPurchaseFlows.FIRST_PURCHASE, 1)
                .add("DISCOVER", null, 1));
        assertThat(change.stageMigrations("aipl").get("L")).containsEntry("P", 1L);
        assertThat(change.stageMigrations("aipl").get("P")).containsEntry("L", 1L);
        assertThat(change.stageMigrations("aipl").get("A")).containsEntry(ConsumerValuation.NO_STAGE, 1L);
        assertThat(change.stageMigrations("aipl").get("I")).containsEntry("P", 1L);
    }

    @Test
    void givenPairsSplitIntoParts_whenMergedInAnyGrouping_thenTheSameChange() {
        List<ConsumerValuation> earlier = ConsumerAssetTest.randomValuations(2_000, 3);
        List<ConsumerValuation> later = ConsumerAssetTest.randomValuations(2_000, 4);
        AssetChange all = new AssetChange(MODELS, 0.5);
        List<AssetChange> parts = List.of(new AssetChange(MODELS, 0.5), new AssetChange(MODELS, 0.5),
                new AssetChange(MODELS, 0.5));
        SplittableRandom random = new SplittableRandom(9);
        List<ConsumerValuation[]> pairs = new ArrayList<>();
        for (int i = 0; i < earlier.size(); i++) {
            ConsumerValuation before = i % 10 == 0 ? null : earlier.get(i);
            ConsumerValuation after = i % 10 == 1 ? null : later.get(i);
            if (before != null && after != null && before.buyer() && !after.buyer()) {
                continue;
            }
            pairs.add(new ConsumerValuation[] {before, after});
        }
        for (ConsumerValuation[] pair : pairs) {
            all.add(pair[0], pair[1]);
            parts.get(random.nextInt(3)).add(pair[0], pair[1]);
        }

        AssetChange left = parts.get(0).copy().merge(parts.get(1)).merge(parts.get(2));
        AssetChange right = parts.get(0).copy().merge(parts.get(1).copy().merge(parts.get(2)));

        assertThat(left).isEqualTo(all);
        assertThat(right).isEqualTo(all);
        AssetChangeSummary summary = all.summary();
        assertThat(summary.valueGrowth()).isEqualByComparingTo(summary.newConsumersValue()
                .subtract(summary.goneConsumersValue()).add(summary.newBuyersValueChange())
                .add(summary.buyersValueChange()).add(summary.nonBuyersValueChange()));
        assertThat(summary.valueGrowth()).isNotEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void givenABuyerWhoBecomesANonBuyerOrNoValuationAtAll_whenAdded_thenRejected() {
        AssetChange change = new AssetChange(MODELS, 0.5);

        assertThatThrownBy(() -> change.add(PAIRS[4][0], PAIRS[0][1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> change.add(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
