package io.tally.core.domain.clv;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Reference predictions: the closed forms of Fader, Hardie &amp; Lee (2005) evaluated with mpmath 1.3 at 80
 * digits, for r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 unless stated.
 */
class BgNbdModelTest {

    private static final BgNbdParameters PUBLISHED = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
    private static final BgNbdModel MODEL = new BgNbdModel(PUBLISHED);

    @Test
    void givenCdnowSample_whenComparingAnalyticGradientWithFiniteDifferences_thenAgree() {
        SummaryCounts data = SummaryCounts.of(CdnowData.sampleSummaries());
        double[] point = new BgNbdParameters(0.3, 5, 0.8, 2.5).toLog();
        double[] gradient = new double[4];
        BgNbdModel.logLikelihood(point, data, gradient);

        for (int i = 0; i < 4; i++) {
            double h = 1e-6;
            double[] up = point.clone();
            double[] down = point.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (BgNbdModel.logLikelihood(up, data, new double[4])
                    - BgNbdModel.logLikelihood(down, data, new double[4])) / (2 * h);

            assertThat(gradient[i]).as("d/d log parameter %d", i).isCloseTo(numeric, withinPercentage(1e-4));
        }
    }

    @Test
    void givenOneCustomer_whenTakingLogLikelihood_thenEqualsTheClosedFormComputedDirectly() {
        double r = PUBLISHED.r();
        double alpha = PUBLISHED.alpha();
        double a = PUBLISHED.a();
        double b = PUBLISHED.b();
        int x = 2;
        double tx = 30.43;
        double t = 38.86;
        double direct = Math.log(gamma(r + x) * Math.pow(alpha, r) / gamma(r)
                * gamma(a + b) * gamma(b + x) / (gamma(b) * gamma(a + b + x))
                * (Math.pow(alpha + t, -(r + x)) + a / (b + x - 1) * Math.pow(alpha + tx, -(r + x))));

        assertThat(MODEL.logLikelihood(new CustomerSummary(x, tx, t))).isCloseTo(direct, within(1e-10));
    }

    @Test
    void givenCompressedSummaries_whenTakingLogLikelihood_thenEqualsTheSumOverCustomers() {
        var customers = CdnowData.sampleSummaries();
        double sum = customers.stream().mapToDouble(MODEL::logLikelihood).sum();

        assertThat(MODEL.logLikelihood(SummaryCounts.of(customers))).isCloseTo(sum, within(1e-7));
    }

    @ParameterizedTest
    @CsvSource({
        "2, 30.43, 38.86, 0.72657857008067291192",
        "1, 1.71, 38.86, 0.21210098537737908236",
        "0, 0, 38.86, 1",
        "1000, 520, 520, 0.99920875577094427462",
        "1000, 519, 520, 0.9946852359100387034",
        "5, 0, 10, 0.016105154405838221769",
        "50, 100, 520, 3.9428466861702144353e-34",
    })
    void givenHistory_whenTakingProbabilityAlive_thenMatchesReference(int x, double tx, double t, double expected) {
        assertThat(MODEL.probabilityAlive(new CustomerSummary(x, tx, t)))
                .isCloseTo(expected, withinPercentage(1e-10));
    }

    @ParameterizedTest
    @CsvSource({
        "2, 30.43, 38.86, 39, 1.2260281747671444631",
        "2, 30.43, 38.86, 5200, 19.715392891936631208",
        "1, 1.71, 38.86, 52, 0.25982346486862243071",
        "0, 0, 38.86, 39, 0.1950980520112626375",
        "0, 0, 38.86, 5200, 5.0188416629829032773",
        "1000, 520, 520, 39, 72.232804014825572817",
        "1000, 520, 520, 5200, 3093.8708625533777818",
        "1000, 519, 520, 520, 737.04391542370272054",
        "0, 0, 520, 52, 0.023740708583063737064",
        "0, 0, 0, 520, 4.9746178618496596652",
        "5, 0, 10, 5200, 1.2105194545015946236",
        "50, 100, 520, 520, 1.4793321543496850681e-32",
        "1, 38.86, 38.86, 39, 0.72197643763392423062",
    })
    void givenHistory_whenTakingExpectedPurchases_thenMatchesReference(int x, double tx, double t, double horizon,
                                                                      double expected) {
        assertThat(MODEL.expectedPurchases(new CustomerSummary(x, tx, t), horizon))
                .isCloseTo(expected, withinPercentage(1e-10));
    }

    /** Corners of the parameter space where the Euler-transformed 2F1 series would cancel (found by jqwik). */
    @ParameterizedTest
    @CsvSource({
        "35.87, 0.03, 0.98, 0.02, 0, 0, 0, 72.25, 1.2690589730373942",
        "49.88, 1.04, 1.24, 0.37, 0, 0, 27.92, 320.08, 2.1996122177731654",
        "50, 0.01, 0.01, 50, 0, 0, 0, 500, 2265833.8671569708",
        "50, 0.01, 50, 0.01, 3, 1, 2, 500, 6.1625235796000208e-18",
        "0.01, 1000, 0.01, 0.01, 1000, 520, 520, 1000, 656.09386855291267",
    })
    void givenExtremeParameters_whenTakingExpectedPurchases_thenMatchesReference(double r, double alpha, double a,
            double b, int x, double tx, double t, double horizon, double expected) {
        BgNbdModel model = new BgNbdModel(new BgNbdParameters(r, alpha, a, b));

        assertThat(model.expectedPurchases(new CustomerSummary(x, tx, t), horizon))
                .isCloseTo(expected, withinPercentage(1e-9));
    }

    @Test
    void givenNewCustomer_whenTakingExpectedRepeatPurchases_thenEqualsConditionalExpectationAtTimeZero() {
        assertThat(MODEL.expectedRepeatPurchases(39)).isCloseTo(1.1967231933208168667, withinPercentage(1e-10));
        assertThat(MODEL.expectedRepeatPurchases(39))
                .isEqualTo(MODEL.expectedPurchases(new CustomerSummary(0, 0, 0), 39));
    }

    @Test
    void givenADropoutShapeOfExactlyOne_whenTakingExpectedPurchases_thenFiniteAndMatchesTheLimit() {
        BgNbdModel model = new BgNbdModel(new BgNbdParameters(0.5, 2, 1, 3));

        assertThat(model.expectedPurchases(new CustomerSummary(0, 0, 10), 4))
                .isCloseTo(0.15726296521550023627, withinPercentage(1e-10));
        assertThat(model.expectedPurchases(new CustomerSummary(0, 0, 10), 52))
                .isCloseTo(1.3608022974124418506, withinPercentage(1e-10));
        assertThat(model.expectedPurchases(new CustomerSummary(3, 5, 10), 52))
                .isCloseTo(3.1858386040879793319, withinPercentage(1e-10));
    }

    @Test
    void givenAPlusBEqualToOneAndNoRepeatPurchase_whenTakingExpectedPurchases_thenFiniteAndMatchesTheLimit() {
        // c = a + b + x - 1 = 0: the closed form is 0/0, the expectation is not
        BgNbdModel model = new BgNbdModel(new BgNbdParameters(1.2, 3, 0.4, 0.6));

        assertThat(model.expectedPurchases(new CustomerSummary(0, 0, 10), 4))
                .isCloseTo(0.32839021524250983842, withinPercentage(1e-9));
        assertThat(model.expectedPurchases(new CustomerSummary(0, 0, 10), 52))
                .isCloseTo(2.4226845028147790395, withinPercentage(1e-9));
    }

    @Test
    void givenTinyHorizon_whenTakingExpectedPurchases_thenKeepsFullRelativeAccuracy() {
        BgNbdModel model = new BgNbdModel(new BgNbdParameters(2, 0.5, 5, 40));

        assertThat(model.expectedRepeatPurchases(1e-6)).isCloseTo(3.9999986666671302536e-6,
                withinPercentage(1e-10));
        assertThat(model.expectedPurchases(new CustomerSummary(10, 3, 52), 1e-6))
                .isCloseTo(1.7264456255220163808e-20, withinPercentage(1e-9));
    }

    @Test
    void givenManyPurchasesLongAgo_whenPredicting_thenUnderflowsToZeroWithoutNaN() {
        CustomerSummary gone = new CustomerSummary(1000, 0, 520);

        assertThat(MODEL.probabilityAlive(gone)).isBetween(0.0, 1e-300);
        assertThat(MODEL.expectedPurchases(gone, 5200)).isBetween(0.0, 1e-300);
        assertThat(MODEL.logLikelihood(gone)).isFinite();
    }

    @Test
    void givenNegativeOrInfiniteHorizon_whenPredicting_thenRejected() {
        CustomerSummary customer = new CustomerSummary(1, 2, 3);

        assertThatThrownBy(() -> MODEL.expectedPurchases(customer, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MODEL.expectedPurchases(customer, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MODEL.expectedPurchases(customer, 0)).isZero();
    }

    @Test
    void givenCdnowSample_whenFittingFromDistantStarts_thenReachesTheSameMaximum() {
        SummaryCounts data = SummaryCounts.of(CdnowData.sampleSummaries());
        BgNbdParameters reference = BgNbdModel.fit(data).requireConverged().parameters();

        for (BgNbdParameters start : new BgNbdParameters[] {
            new BgNbdParameters(10, 100, 10, 10), new BgNbdParameters(0.01, 0.1, 0.05, 50),
            new BgNbdParameters(1, 1, 1, 1)}) {
            BgNbdFit fit = BgNbdModel.fit(data, FitOptions.defaults(), start);

            assertThat(fit.diagnostics().converged()).as("from %s", start).isTrue();
            assertThat(fit.parameters().r()).isCloseTo(reference.r(), withinPercentage(1e-4));
            assertThat(fit.parameters().alpha()).isCloseTo(reference.alpha(), withinPercentage(1e-4));
            assertThat(fit.parameters().a()).isCloseTo(reference.a(), withinPercentage(1e-4));
            assertThat(fit.parameters().b()).isCloseTo(reference.b(), withinPercentage(1e-4));
        }
    }

    @Test
    void givenCdnowSample_whenMaximizingWithHipparchusBobyqaInstead_thenFindsTheSameParameters() {
        SummaryCounts data = SummaryCounts.of(CdnowData.sampleSummaries());
        BgNbdParameters ours = BgNbdModel.fit(data).requireConverged().parameters();

        PointValuePair bobyqa = new BOBYQAOptimizer(9, 0.5, 1e-10).optimize(
                new MaxEval(20_000), GoalType.MAXIMIZE, new InitialGuess(new double[4]),
                new ObjectiveFunction(logParameters -> BgNbdModel.logLikelihood(logParameters, data, new double[4])),
                new SimpleBounds(new double[] {-10, -10, -10, -10}, new double[] {10, 10, 10, 10}));
        BgNbdParameters theirs = BgNbdParameters.fromLog(bobyqa.getPoint());

        assertThat(ours.r()).isCloseTo(theirs.r(), withinPercentage(1e-3));
        assertThat(ours.alpha()).isCloseTo(theirs.alpha(), withinPercentage(1e-3));
        assertThat(ours.a()).isCloseTo(theirs.a(), withinPercentage(1e-3));
        assertThat(ours.b()).isCloseTo(theirs.b(), withinPercentage(1e-3));
    }

    @Test
    void givenTooFewIterations_whenFitting_thenReportsNotConvergedAndRequireConvergedThrows() {
        SummaryCounts data = SummaryCounts.of(CdnowData.sampleSummaries());

        BgNbdFit fit = BgNbdModel.fit(data, new FitOptions(2, 1e-8));

        assertThat(fit.diagnostics().converged()).isFalse();
        assertThat(fit.diagnostics().iterations()).isEqualTo(2);
        assertThat(fit.diagnostics().gradientNorm()).isGreaterThan(1e-8 * data.customers());
        assertThatThrownBy(fit::requireConverged).isInstanceOf(ModelNotConvergedException.class)
                .hasMessageContaining("BG/NBD");
    }

    @Test
    void givenNoCustomers_whenFitting_thenRejected() {
        assertThatThrownBy(() -> BgNbdModel.fit(SummaryCounts.builder().build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double gamma(double v) {
        return org.hipparchus.special.Gamma.gamma(v);
    }
}
