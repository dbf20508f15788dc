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
        SpendData data = SpendData.of(CdnowData.sampleSpend());
        double[] point = new GammaGammaParameters(5, 3, 12).toLog();
        double[] gradient = new double[3];
        GammaGammaModel.logLikelihood(point, data, gradient);

        for (int i = 0; i < 3; i++) {
            double h = 1e-6;
            double[] up = point.clone();
            double[] down = point.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (GammaGammaModel.logLikelihood(up, data, new double[3])
                    - GammaGammaModel.logLikelihood(down, data, new double[3])) / (2 * h);

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
    void givenRepeatTransactionsOfZeroValue_whenTakingExpectedSpend_thenTheLimitOfTheConditionalMeanBelowThePopulation() {
        double limit = 6.25 * 15.44 / (6.25 * 3 + 3.74 - 1);
        double nearlyZero = PUBLISHED.expectedAverageSpend(new SpendSummary(3, 1e-12));

        double zero = PUBLISHED.expectedAverageSpend(new SpendSummary(3, 0));

        assertThat(zero).isCloseTo(limit, within(1e-12)).isCloseTo(nearlyZero, within(1e-9))
                .isLessThan(PUBLISHED.populationMeanSpend());
    }

    @Test
    void givenOneCustomerPerDistinctX_whenTakingTheLogLikelihood_thenEqualsTheDensityOfEachMeanSpendSummed() {
        // zbar ~ Gamma(shape p x, rate nu x), nu ~ Gamma(q, gamma): the marginal density written out per customer
        List<SpendSummary> customers = List.of(new SpendSummary(1, 12.5), new SpendSummary(1, 40),
                new SpendSummary(4, 22.35), new SpendSummary(1000, 3.2), new SpendSummary(0, 0));
        double p = 6.25;
        double q = 3.74;
        double gamma = 15.44;
        double expected = 0;
        for (SpendSummary c : customers.subList(0, 4)) {
            double px = p * c.x();
            expected += logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma)
                    + px * Math.log(c.x()) + (px - 1) * Math.log(c.meanSpend())
                    - (px + q) * Math.log(gamma + c.x() * c.meanSpend());
        }

        assertThat(PUBLISHED.logLikelihood(customers)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void givenSpendGatheredInPartsAndInAnotherOrder_whenFitting_thenBitIdenticalParameters() {
        List<SpendSummary> customers = CdnowData.sampleSpend();
        SpendData whole = SpendData.of(customers);
        SpendData.Builder gathered = SpendData.builder();
        for (int part = 0; part < 4; part++) {
            SpendData.Builder partial = SpendData.builder();
            for (int i = customers.size() - 1 - part; i >= 0; i -= 4) {
                partial.add(customers.get(i));
            }
            gathered.addAll(partial.build());
        }

        GammaGammaFit fromParts = GammaGammaModel.fit(gathered.build());

        assertThat(fromParts.parameters()).isEqualTo(GammaGammaModel.fit(whole).parameters());
        assertThat(fromParts.customersExcluded()).isEqualTo(2357 - 946);
    }

    @Test
    void givenSimulatedSpend_whenFitting_thenRecoversTheTrueParameters() {
        GammaGammaParameters truth = new GammaGammaParameters(6.25, 3.74, 15.44);
        GammaGammaSimulator simulator = new GammaGammaSimulator(truth, 99);
        SpendData.Builder builder = SpendData.builder();
        for (int i = 0; i < 200_000; i++) {
            int x = 1 + i % 7;
            builder.add(x, simulator.nextMeanSpend(x));
        }

        GammaGammaFit fit = GammaGammaModel.fit(builder.build()).requireConverged();

        // the population mean spend p gamma / (q - 1) is the best-determined combination
        assertThat(fit.model().populationMeanSpend()).isCloseTo(new GammaGammaModel(truth).populationMeanSpend(),
                withinPercentage(1));
        assertThat(fit.parameters().p()).isCloseTo(truth.p(), withinPercentage(5));
        assertThat(fit.parameters().q()).isCloseTo(truth.q(), withinPercentage(5));
        assertThat(fit.parameters().gamma()).isCloseTo(truth.gamma(), withinPercentage(8));
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

    private static double logGamma(double v) {
        return org.hipparchus.special.Gamma.logGamma(v);
    }
}
