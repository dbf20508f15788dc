package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class GammaGammaModelTest {

    private static final GammaGammaModel PUBLISHED = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));

    @Test
    void givenCdnowSpend_whenComparingAnalyticGradientWithFiniteDifferences_thenAgree() {
        List<SpendSummary> informative = CdnowData.sampleSpend().stream().filter(SpendSummary::isInformative).toList();
        int[] x = informative.stream().mapToInt(SpendSummary::x).toArray();
        double[] zbar = informative.stream().mapToDouble(SpendSummary::meanSpend).toArray();
        double[] point = new GammaGammaParameters(5, 3, 12).toLog();
        double[] gradient = new double[3];
        GammaGammaModel.logLikelihood(point, x, zbar, gradient);

        for (int i = 0; i < 3; i++) {
            double h = 1e-6;
            double[] up = point.clone();
            double[] down = point.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (GammaGammaModel.logLikelihood(up, x, zbar, new double[3])
                    - GammaGammaModel.logLikelihood(down, x, zbar, new double[3])) / (2 * h);

            assertThat(gradient[i]).as("d/d log parameter %d", i).isCloseTo(numeric, withinPercentage(1e-4));
        }
    }

    @Test
    void givenRepeatCustomer_whenTakingExpectedSpend_thenIsTheWeightedMeanOfPopulationAndOwnMean() {
        // CDNOW customer 1: x = 2, zbar = 22.35
        double px = 6.25 * 2;
        double weight = px / (px + 3.74 - 1);
        double expected = (1 - weight) * 6.25 * 15.44 / (3.74 - 1) + weight * 22.35;

        assertThat(PUBLISHED.expectedAverageSpend(new SpendSummary(2, 22.35))).isCloseTo(expected, within(1e-12));
    }

    @Test
    void givenNoRepeatTransaction_whenTakingExpectedSpend_thenFallsBackToThePopulationMean() {
        double populationMean = 6.25 * 15.44 / (3.74 - 1);

        assertThat(PUBLISHED.populationMeanSpend()).isCloseTo(populationMean, within(1e-12));
        assertThat(PUBLISHED.expectedAverageSpend(new SpendSummary(0, 0))).isCloseTo(populationMean, within(1e-12));
    }

    @Test
    void givenRepeatTransactionsOfZeroValue_whenTakingExpectedSpend_thenFallsBackToThePopulationMean() {
        assertThat(PUBLISHED.expectedAverageSpend(new SpendSummary(3, 0)))
                .isEqualTo(PUBLISHED.populationMeanSpend());
    }

    @Test
    void givenZeroSpendCustomers_whenFitting_thenTheyAreExcludedAndDoNotMoveTheFit() {
        List<SpendSummary> customers = new ArrayList<>(CdnowData.sampleSpend());
        GammaGammaFit without = GammaGammaModel.fit(customers);
        customers.add(new SpendSummary(4, 0));
        customers.add(new SpendSummary(0, 0));

        GammaGammaFit with = GammaGammaModel.fit(customers);

        assertThat(with.customersFitted()).isEqualTo(without.customersFitted());
        assertThat(with.customersExcluded()).isEqualTo(without.customersExcluded() + 2);
        assertThat(with.parameters()).isEqualTo(without.parameters());
    }

    @Test
    void givenShapeQAtMostOne_whenThePopulationMeanIsNeeded_thenUndefinedSpend() {
        GammaGammaModel heavyTailed = new GammaGammaModel(new GammaGammaParameters(2, 0.8, 10));

        assertThatThrownBy(heavyTailed::populationMeanSpend).isInstanceOf(UndefinedSpendException.class);
        assertThatThrownBy(() -> heavyTailed.expectedAverageSpend(new SpendSummary(0, 0)))
                .isInstanceOf(UndefinedSpendException.class);
        assertThat(heavyTailed.expectedAverageSpend(new SpendSummary(3, 20))).isFinite().isPositive();
    }

    @Test
    void givenExtremeHistories_whenTakingExpectedSpend_thenFiniteAndBetweenPopulationAndOwnMean() {
        double populationMean = PUBLISHED.populationMeanSpend();
        for (SpendSummary customer : List.of(new SpendSummary(1000, 1e-3), new SpendSummary(1000, 1e6),
                new SpendSummary(1, 1e-9), new SpendSummary(1, 1e9))) {
            double spend = PUBLISHED.expectedAverageSpend(customer);

            assertThat(spend).as("%s", customer).isBetween(Math.min(populationMean, customer.meanSpend()),
                    Math.max(populationMean, customer.meanSpend()));
        }
    }

    @Test
    void givenNoInformativeCustomer_whenFitting_thenRejected() {
        assertThatThrownBy(() -> GammaGammaModel.fit(List.of(new SpendSummary(0, 0), new SpendSummary(2, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenTooFewIterations_whenFitting_thenReportsNotConverged() {
        GammaGammaFit fit = GammaGammaModel.fit(CdnowData.sampleSpend(), new FitOptions(1, 1e-8));

        assertThat(fit.diagnostics().converged()).isFalse();
        assertThatThrownBy(fit::requireConverged).isInstanceOf(ModelNotConvergedException.class);
    }
}
