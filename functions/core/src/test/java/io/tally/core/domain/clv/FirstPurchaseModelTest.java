package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FirstPurchaseModelTest {

    @Test
    void givenOneStageWhoseNonBuyersStay_whenEstimatingWithoutPrior_thenGeometricFirstPurchaseTimes() {
        FirstPurchaseFlows flows = new FirstPurchaseFlows().add("A", FirstPurchaseFlows.FIRST_PURCHASE, 100)
                .add("A", "A", 900);

        FirstPurchaseModel model = FirstPurchaseModel.estimate(flows, 0);

        assertThat(model.hazard("A")).isEqualTo(0.1);
        double[] byMonth = model.firstPurchaseByPeriod("A", 12);
        for (int m = 1; m <= 12; m++) {
            assertThat(byMonth[m - 1]).isCloseTo(0.1 * Math.pow(0.9, m - 1), within(1e-15));
        }
        assertThat(model.probabilityWithin("A", 12)).isCloseTo(1 - Math.pow(0.9, 12), within(1e-15));
    }

    @Test
    void givenAStageThatDecaysIntoNoStage_whenProjecting_thenFollowsTheChainNotAConstantHazard() {
        // ENGAGE: 20 % buy, of the others 3/8 stay and 5/8 drop to no stage; no stage: 1 % buy, the others stay
        FirstPurchaseFlows flows = new FirstPurchaseFlows()
                .add("ENGAGE", FirstPurchaseFlows.FIRST_PURCHASE, 200).add("ENGAGE", "ENGAGE", 300)
                .add("ENGAGE", null, 500)
                .add(null, FirstPurchaseFlows.FIRST_PURCHASE, 100).add(null, null, 9_900);

        FirstPurchaseModel model = FirstPurchaseModel.estimate(flows, 0);

        // not bought after H periods: still in ENGAGE, 0.3^H, or in no stage, 0.5 (0.99^H - 0.3^H) / (0.99 - 0.3)
        for (int h : new int[] {1, 2, 12, 36}) {
            double notBought = Math.pow(0.3, h) + 0.5 * (Math.pow(0.99, h) - Math.pow(0.3, h)) / 0.69;
            assertThat(model.probabilityWithin("ENGAGE", h)).as("within %d", h).isCloseTo(1 - notBought,
                    within(1e-14));
        }
        assertThat(model.probabilityWithin("ENGAGE", 12)).isLessThan(1 - Math.pow(0.8, 12));
        assertThat(model.probabilityWithin(ConsumerValuation.NO_STAGE, 12))
                .isCloseTo(1 - Math.pow(0.99, 12), within(1e-14));
    }

    @Test
    void givenAStageSeenFiveTimes_whenEstimatingWithAPrior_thenItsRateIsPulledToThePooledRate() {
        FirstPurchaseFlows flows = new FirstPurchaseFlows().add("PERFORM", FirstPurchaseFlows.FIRST_PURCHASE, 5)
                .add(null, FirstPurchaseFlows.FIRST_PURCHASE, 100).add(null, null, 9_900);
        double pooled = 105.0 / 10_005;

        FirstPurchaseModel withPrior = FirstPurchaseModel.estimate(flows, 20);
        FirstPurchaseModel withoutPrior = FirstPurchaseModel.estimate(flows, 0);

        assertThat(withPrior.pooledHazard()).isEqualTo(pooled);
        assertThat(withPrior.hazard("PERFORM")).isCloseTo((5 + 20 * pooled) / 25, within(1e-15));
        assertThat(withoutPrior.hazard("PERFORM")).isEqualTo(1);
        assertThat(withPrior.hazard(null)).isCloseTo(0.01, within(1e-4));
    }

    @Test
    void givenAStageObservedOnlyAsADestination_whenProjecting_thenItGetsThePooledRateAndStays() {
        FirstPurchaseFlows flows = new FirstPurchaseFlows().add("A", FirstPurchaseFlows.FIRST_PURCHASE, 10)
                .add("A", "I", 90);

        FirstPurchaseModel model = FirstPurchaseModel.estimate(flows, 0);

        assertThat(model.stages()).containsExactly("A", "I");
        assertThat(model.hazard("I")).isEqualTo(0.1);
        assertThat(model.probabilityWithin("UNSEEN", 3)).isCloseTo(1 - Math.pow(0.9, 3), within(1e-15));
    }

    @Test
    void givenNoPeriodObservedYet_whenUsingTheUnobservedModel_thenNoFirstPurchaseIsExpected() {
        FirstPurchaseModel model = FirstPurchaseModel.unobserved();

        assertThat(model.probabilityWithin("PERFORM", 12)).isZero();
        assertThat(model.firstPurchaseByPeriod(null, 3)).containsExactly(0, 0, 0);
    }

    @Test
    void givenNoObservedNonBuyer_whenEstimating_thenRejected() {
        assertThatThrownBy(() -> FirstPurchaseModel.estimate(new FirstPurchaseFlows()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FirstPurchaseModel.estimate(new FirstPurchaseFlows().add("A", "A", 1), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FirstPurchaseFlows().add("A", "A", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenFlowsOfSeveralPeriodsAndSegments_whenMergedInAnyGrouping_thenTheSameCounts() {
        FirstPurchaseFlows a = new FirstPurchaseFlows().add("A", "I", 3).add(null, null, 7);
        FirstPurchaseFlows b = new FirstPurchaseFlows().add("A", FirstPurchaseFlows.FIRST_PURCHASE, 2);
        FirstPurchaseFlows c = new FirstPurchaseFlows().add("I", "A", 1).add("A", "I", 4);

        FirstPurchaseFlows left = a.copy().merge(b).merge(c);
        FirstPurchaseFlows right = a.copy().merge(c.copy().merge(b));

        assertThat(left).isEqualTo(right);
        assertThat(left.atRisk("A")).isEqualTo(9);
        assertThat(left.firstPurchases("A")).isEqualTo(2);
        assertThat(left.outcomes("A")).containsEntry("I", 7L);
        assertThat(left.stages()).containsExactly("(none)", "A", "I");
    }

    @Test
    void givenConsumersMovingThroughStagesAtRandom_whenEstimatedFromOnePeriodFlows_thenPredictsTheirHorizon() {
        // true chain over DISCOVER (0), ENGAGE (1), PERFORM (2), no stage (3): monthly first-purchase hazards and
        // where a consumer who did not buy goes
        double[] hazard = {0.01, 0.04, 0.25, 0.002};
        double[][] moves = {
            {0.30, 0.20, 0.02, 0.48},
            {0.05, 0.40, 0.15, 0.40},
            {0.00, 0.30, 0.30, 0.40},
            {0.03, 0.02, 0.00, 0.95},
        };
        String[] codes = {"DISCOVER", "ENGAGE", "PERFORM", null};
        SplittableRandom random = new SplittableRandom(7);
        FirstPurchaseFlows flows = new FirstPurchaseFlows();
        for (int i = 0; i < 400_000; i++) {
            int from = i % 4;
            int to = step(from, hazard, moves, random);
            flows.add(codes[from], to < 0 ? FirstPurchaseFlows.FIRST_PURCHASE : codes[to], 1);
        }
        FirstPurchaseModel model = FirstPurchaseModel.estimate(flows);

        for (int start = 0; start < 4; start++) {
            int bought = 0;
            int followed = 100_000;
            for (int i = 0; i < followed; i++) {
                int stage = start;
                for (int month = 0; month < 12 && stage >= 0; month++) {
                    stage = step(stage, hazard, moves, random);
                }
                bought += stage < 0 ? 1 : 0;
            }
            double simulated = (double) bought / followed;
            // standard error of the simulated share at most 0.0016; the estimate's own error is smaller
            assertThat(model.probabilityWithin(codes[start], 12)).as("from %s", codes[start])
                    .isCloseTo(simulated, within(0.006));
        }
    }

    /** One month of the chain: -1 for a first purchase, else the next stage. */
    private static int step(int stage, double[] hazard, double[][] moves, SplittableRandom random) {
        if (random.nextDouble() < hazard[stage]) {
            return -1;
        }
        double u = random.nextDouble();
        for (int to = 0; to < moves[stage].length; to++) {
            u -= moves[stage][to];
            if (u < 0) {
                return to;
            }
        }
        return moves[stage].length - 1;
    }
}
