package io.tally.core.domain.clv;

import io.tally.core.domain.clv.CdnowData.Purchase;
import io.tally.core.domain.lifecycle.FactEvent;
import io.tally.core.domain.lifecycle.FactKind;
import io.tally.core.domain.lifecycle.LifecycleFacts;
import io.tally.core.domain.lifecycle.StageAssignment;
import io.tally.core.domain.lifecycle.StageModels;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class ConsumerValuerTest {

    private static final BgNbdModel PURCHASES = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
    private static final GammaGammaModel SPEND = new GammaGammaModel(new GammaGammaParameters(9.88, 3.40, 7.93));
    private static final FirstPurchaseModel FIRST_PURCHASES = FirstPurchaseModel.estimate(new FirstPurchaseFlows()
            .add("PERFORM", FirstPurchaseFlows.FIRST_PURCHASE, 300).add("PERFORM", "ENGAGE", 700)
            .add("ENGAGE", FirstPurchaseFlows.FIRST_PURCHASE, 40).add("ENGAGE", null, 960)
            .add(null, FirstPurchaseFlows.FIRST_PURCHASE, 10).add(null, null, 99_990));
    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

    @Test
    void givenABuyersFacts_whenValuing_thenTheirHistoryValuedByTheModels() {
        LifecycleFacts facts = LifecycleFacts.empty()
                .fold(FactEvent.purchase(NOW.minusSeconds(86_400L * 200), new BigDecimal("30")))
                .fold(FactEvent.purchase(NOW.minusSeconds(86_400L * 60), new BigDecimal("50")));
        ConsumerValuer valuer = new ConsumerValuer(PURCHASES, SPEND, FIRST_PURCHASES, ClvSettings.defaults());
        Map<String, String> stages = Map.of("aipl", "L", "deeplink", "INHERIT");

        ConsumerValuation valuation = valuer.value(facts, stages, Set.of("web"), Set.of("vip"), NOW);

        CustomerValue expected = new ClvCalculator(PURCHASES, SPEND, ClvHorizon.twelveMonths(365.25 / 12 / 7))
                .value(new CustomerSummary(1, 140 / 7.0, 200 / 7.0), new SpendSummary(2, 40));
        assertThat(valuation.buyer()).isTrue();
        assertThat(valuation.value()).isEqualTo(expected.discountedValue());
        assertThat(valuation.probabilityAlive()).isEqualTo(expected.probabilityAlive());
        assertThat(valuation.expectedPurchases()).isEqualTo(expected.expectedPurchases());
        assertThat(valuation.stage("deeplink")).isEqualTo("INHERIT");
        assertThat(valuation.segments()).containsExactly("vip");
    }

    @Test
    void givenNonBuyersInStagesOfTheValuationModel_whenValuing_thenByTheirStagesFirstPurchaseChances() {
        ConsumerValuer valuer = new ConsumerValuer(PURCHASES, SPEND, FIRST_PURCHASES, ClvSettings.defaults());
        LifecycleFacts cartAdded = LifecycleFacts.empty().fold(FactEvent.of(FactKind.CART_ADD, NOW));
        Map<String, String> performing = new HashMap<>();
        performing.put("aipl", "I");
        performing.put("deeplink", "PERFORM");
        Map<String, String> unstaged = new HashMap<>();
        unstaged.put("deeplink", null);

        ConsumerValuation performer = valuer.value(cartAdded, performing, Set.of("app"), Set.of(), NOW);
        ConsumerValuation nobody = valuer.value(LifecycleFacts.empty(), unstaged, Set.of(), Set.of(), NOW);

        ClvCalculator calculator = valuer.calculator();
        assertThat(performer.buyer()).isFalse();
        assertThat(performer.value()).isEqualTo(
                calculator.nonBuyerValue(FIRST_PURCHASES.firstPurchaseByPeriod("PERFORM", 12)).discountedValue());
        assertThat(performer.probabilityFirstPurchase()).isCloseTo(FIRST_PURCHASES.probabilityWithin("PERFORM", 12),
                within(1e-15));
        assertThat(nobody.value()).isEqualTo(valuer.nonBuyerValue(null).discountedValue());
        assertThat(performer.value()).isGreaterThan(10 * nobody.value());
        assertThat(performer.value()).isLessThan(calculator.newBuyerValue());
    }

    @Test
    void givenAFitThatStoppedEarly_whenCreatingAValuer_thenRefusedWithItsDiagnostics() {
        BgNbdFit stopped = BgNbdModel.fit(SummaryCounts.of(CdnowData.sampleSummaries()), new FitOptions(3, 1e-8));
        GammaGammaFit converged = GammaGammaModel.fit(CdnowData.sampleSpend());

        assertThatThrownBy(() -> ConsumerValuer.of(stopped, converged, FIRST_PURCHASES, ClvSettings.defaults()))
                .isInstanceOf(ModelNotConvergedException.class).hasMessageContaining("BG/NBD")
                .hasMessageContaining("converged=false").hasMessageContaining("iterations=3");
    }

    @Test
    void givenLifecycleStageAssignments_whenTakingTheirCodes_thenNullStagesBecomeNoStage() {
        LifecycleFacts exposed = LifecycleFacts.empty().fold(FactEvent.of(FactKind.EXPOSURE, NOW));
        Map<String, StageAssignment> assignments = StageModels.defaults().evaluate(exposed, NOW);
        Map<String, StageAssignment> later = StageModels.defaults().evaluate(exposed, NOW.plusSeconds(86_400L * 40));

        assertThat(ConsumerValuation.stageCodes(assignments)).containsEntry("aipl", "A")
                .containsEntry("deeplink", "DISCOVER");
        assertThat(ConsumerValuation.stageCodes(later)).containsEntry("aipl", ConsumerValuation.NO_STAGE);
    }

    @Test
    void givenTheCdnowSampleAsLifecycleFacts_whenFittingAndValuingThroughBuyerHistories_thenMatchesScipy() {
        Instant calibrationEnd = CdnowData.CALIBRATION_END.atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
        List<LifecycleFacts> customers = new ArrayList<>();
        for (List<Purchase> purchases : CdnowData.samplePurchases().values()) {
            LifecycleFacts facts = LifecycleFacts.empty();
            for (Purchase p : purchases.stream().filter(p -> !p.date().isAfter(CdnowData.CALIBRATION_END)).toList()) {
                facts = facts.fold(FactEvent.purchase(p.date().atTime(12, 0).toInstant(ZoneOffset.UTC),
                        BigDecimal.valueOf(p.dollars())));
            }
            customers.add(facts);
        }
        ClvSettings settings = ClvSettings.defaults();
        SummaryCounts.Builder counts = SummaryCounts.builder();
        SpendData.Builder spend = SpendData.builder();
        List<BuyerHistory> histories = new ArrayList<>();
        for (LifecycleFacts facts : customers) {
            BuyerHistory history = BuyerHistory.of(facts, calibrationEnd, settings.zone(), settings.daysPerUnit())
                    .orElseThrow();
            histories.add(history);
            counts.add(history.purchases());
            spend.add(history.spend());
        }

        BgNbdFit purchaseFit = BgNbdModel.fit(counts.build());
        GammaGammaFit spendFit = GammaGammaModel.fit(spend.build());
        ConsumerValuer valuer = ConsumerValuer.of(purchaseFit, spendFit, FIRST_PURCHASES, settings);
        BgNbdModel purchases = purchaseFit.model();
        GammaGammaModel spendModel = spendFit.model();
        double total = 0;
        for (LifecycleFacts facts : customers) {
            total += valuer.value(facts, Map.of(), Set.of(), Set.of(), calibrationEnd).value();
        }

        // docs/tools/clv_crosscheck.py, "sample through stored lifecycle facts": the summaries read off the facts
        // (the 16 most recent order times kept, so x is estimated for 4 customers), the spend averaged over all
        // x + 1 purchase days
        BgNbdParameters p = purchases.parameters();
        assertThat(p.r()).isCloseTo(0.240840, withinPercentage(0.01));
        assertThat(p.alpha()).isCloseTo(4.345136, withinPercentage(0.01));
        assertThat(p.a()).isCloseTo(0.786028, withinPercentage(0.01));
        assertThat(p.b()).isCloseTo(2.392242, withinPercentage(0.01));
        GammaGammaParameters g = spendModel.parameters();
        assertThat(g.p()).isCloseTo(9.856674, withinPercentage(0.01));
        assertThat(g.q()).isCloseTo(3.402743, withinPercentage(0.01));
        assertThat(g.gamma()).isCloseTo(7.958898, withinPercentage(0.01));
        assertThat(total).isCloseTo(70_210.95, withinPercentage(0.01));
        assertThat(valuer.calculator().newBuyerValue()).isCloseTo(77.5738, within(0.0005));
    }
}
