package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConsumerAssetTest {

    static final List<String> MODELS = List.of("aipl", "deeplink");

    @Test
    void givenBuyersAndNonBuyers_whenAdded_thenTotalsCountAndSumThem() {
        ConsumerAsset asset = new ConsumerAsset(MODELS, 0.5)
                .add(buyer(120.5, 0.9, "L", "INHERIT", Set.of("web", "pos"), Set.of("vip")))
                .add(buyer(30.25, 0.2, "P", "LEAD", Set.of("web"), Set.of()))
                .add(nonBuyer(8, 0.1, "I", "ENGAGE", Set.of("app"), Set.of("vip")));

        AssetTotals total = asset.total();

        assertThat(total.consumers()).isEqualTo(3);
        assertThat(total.buyers()).isEqualTo(2);
        assertThat(total.nonBuyers()).isEqualTo(1);
        assertThat(total.aliveBuyers()).isEqualTo(1);
        assertThat(total.value()).isEqualByComparingTo("158.75");
        assertThat(total.buyerValue()).isEqualByComparingTo("150.75");
        assertThat(total.nonBuyerValue()).isEqualByComparingTo("8");
        assertThat(total.aliveBuyerValue()).isEqualByComparingTo("120.5");
        assertThat(total.expectedAliveBuyers()).isCloseTo(1.1, within(1e-12));
        assertThat(total.expectedFirstPurchases()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void givenConsumersInStagesChannelsAndSegments_whenBrokenDown_thenStagesAddUpAndChannelsOverlap() {
        ConsumerAsset asset = new ConsumerAsset(MODELS, 0.5)
                .add(buyer(100, 0.9, "L", "INHERIT", Set.of("web", "pos"), Set.of("vip")))
                .add(buyer(40, 0.8, "L", "KEEP", Set.of("web"), Set.of()))
                .add(nonBuyer(5, 0.1, null, "DISCOVER", Set.of(), Set.of("vip", "new")));

        for (String model : MODELS) {
            BigDecimal sum = asset.byStage(model).values().stream().map(AssetTotals::value)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).as(model).isEqualByComparingTo(asset.total().value());
        }
        assertThat(asset.byStage("aipl").keySet()).containsExactly(ConsumerValuation.NO_STAGE, "L");
        assertThat(asset.byStage("aipl").get("L").consumers()).isEqualTo(2);
        assertThat(asset.byStage("deeplink").keySet()).containsExactly("DISCOVER", "INHERIT", "KEEP");
        assertThat(asset.byChannel().get("web").value()).isEqualByComparingTo("140");
        assertThat(asset.byChannel().get("pos").value()).isEqualByComparingTo("100");
        assertThat(asset.byChannel().get(ConsumerAsset.NO_CHANNEL).consumers()).isEqualTo(1);
        assertThat(asset.bySegment().get("vip").value()).isEqualByComparingTo("105");
        assertThat(asset.bySegment().get("new").consumers()).isEqualTo(1);
        assertThat(asset.byStage("rfm")).isEmpty();
    }

    @Test
    void givenAValuationWithoutAStageOfAModel_whenAdded_thenItCountsInNoStage() {
        ConsumerValuation onlyAipl = new ConsumerValuation(true, 10, 1, 0.9, 0, Map.of("aipl", "P"), Set.of("web"),
                Set.of());

        ConsumerAsset asset = new ConsumerAsset(MODELS, 0.5).add(onlyAipl);

        assertThat(asset.byStage("deeplink").get(ConsumerValuation.NO_STAGE).consumers()).isEqualTo(1);
    }

    @Test
    void givenTenthsOfACurrencyUnit_whenSummed_thenExactly() {
        ConsumerAsset asset = new ConsumerAsset(MODELS, 0.5);
        for (int i = 0; i < 10; i++) {
            asset.add(nonBuyer(0.1, 0.01, "A", "DISCOVER", Set.of("web"), Set.of()));
        }

        assertThat(asset.total().value()).isEqualTo(new BigDecimal("1.000000"));
    }

    @Test
    void givenConsumersSplitIntoScanSegmentsInDifferentWays_whenPartsAreMerged_thenTheSameAssetAsAddingAll() {
        List<ConsumerValuation> consumers = randomValuations(3_000, 11);
        ConsumerAsset all = new ConsumerAsset(MODELS, 0.5);
        consumers.forEach(all::add);
        SplittableRandom random = new SplittableRandom(5);

        for (int split = 0; split < 5; split++) {
            int parts = 2 + split;
            List<ConsumerAsset> partial = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                partial.add(new ConsumerAsset(MODELS, 0.5));
            }
            for (int i = consumers.size() - 1; i >= 0; i--) {
                partial.get(random.nextInt(parts)).add(consumers.get(i));
            }
            ConsumerAsset leftFold = new ConsumerAsset(MODELS, 0.5);
            partial.forEach(leftFold::merge);
            ConsumerAsset rightFold = partial.get(parts - 1).copy();
            for (int p = parts - 2; p >= 0; p--) {
                rightFold = partial.get(p).copy().merge(rightFold);
            }

            assertThat(leftFold).as("%d parts", parts).isEqualTo(all);
            assertThat(rightFold).as("%d parts, merged from the right", parts).isEqualTo(all);
        }
    }

    @Test
    void givenAssetsOfDifferentModelsOrThresholds_whenMerged_thenRejected() {
        ConsumerAsset asset = new ConsumerAsset(MODELS, 0.5);

        assertThatThrownBy(() -> asset.merge(new ConsumerAsset(List.of("aipl"), 0.5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asset.merge(new ConsumerAsset(MODELS, 0.3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsumerAsset(MODELS, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenInvalidNumbers_whenCreatingAValuation_thenRejected() {
        assertThatThrownBy(() -> buyer(Double.NaN, 0.5, "P", "LEAD", Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buyer(-1, 0.5, "P", "LEAD", Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buyer(1, 1.5, "P", "LEAD", Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static ConsumerValuation buyer(double value, double alive, String aipl, String deeplink, Set<String> channels,
                                   Set<String> segments) {
        return new ConsumerValuation(true, value, value / 30, alive, 0, stages(aipl, deeplink), channels, segments);
    }

    static ConsumerValuation nonBuyer(double value, double firstPurchase, String aipl, String deeplink,
                                      Set<String> channels, Set<String> segments) {
        return new ConsumerValuation(false, value, firstPurchase, 0, firstPurchase, stages(aipl, deeplink), channels,
                segments);
    }

    static Map<String, String> stages(String aipl, String deeplink) {
        Map<String, String> stages = new HashMap<>();
        stages.put("aipl", aipl);
        stages.put("deeplink", deeplink);
        return stages;
    }

    /** Consumers with random values, stages, channels and segments, fixed by the seed. */
    static List<ConsumerValuation> randomValuations(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] aipl = {null, "A", "I", "P", "L"};
        String[] deeplink = {null, "DISCOVER", "ENGAGE", "ENTHUSE", "PERFORM", "LEAD", "INHERIT", "NURTURE", "KEEP"};
        String[] channels = {"web", "app", "pos", "mini"};
        String[] segments = {"vip", "lapsed", "new"};
        List<ConsumerValuation> valuations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Set<String> consumerChannels = new HashSet<>(List.of(channels[random.nextInt(4)],
                    channels[random.nextInt(4)]));
            Set<String> consumerSegments = random.nextBoolean() ? Set.of() : Set.of(segments[random.nextInt(3)]);
            double value = random.nextDouble() * 500;
            valuations.add(random.nextInt(3) > 0
                    ? buyer(value, random.nextDouble(), aipl[3 + random.nextInt(2)], deeplink[5 + random.nextInt(4)],
                            consumerChannels, consumerSegments)
                    : nonBuyer(value / 50, random.nextDouble() * 0.3, aipl[random.nextInt(3)],
                            deeplink[random.nextInt(5)], consumerChannels, consumerSegments));
        }
        return valuations;
    }
}
