package io.tally.core.domain.clv;

import io.tally.core.domain.lifecycle.FactEvent;
import io.tally.core.domain.lifecycle.LifecycleFacts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The extremes the issue names: up to 1,000 repeat purchases, ten years of history in weeks and in days, zero spend.
 * Day references: the closed forms of Fader, Hardie &amp; Lee evaluated with mpmath 1.3 at 80 digits for r = 0.243,
 * alpha = 4.414 &times; 7 days, a = 0.793, b = 2.426.
 */
class ClvExtremesTest {

    private static final BgNbdParameters WEEKS = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
    private static final BgNbdParameters DAYS = new BgNbdParameters(0.243, 4.414 * 7, 0.793, 2.426);
    private static final GammaGammaModel SPEND = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));

    @ParameterizedTest
    @CsvSource({
        "1000, 3652, 3652, 365, 0.99920875577094427465, 95.382594292034908449, -2311.8445320476013456",
        "1000, 3651, 3652, 3652, 0.99896206553338630808, 740.22885036261143607, -2311.8442851315357308",
        "0, 0, 3652, 365, 1, 0.023728542230406481125, -1.1617255947389183244",
        "1, 1, 3652, 3652, 0.0082871980113401154515, 0.0086223374805669987453, -6.2776582302348085172",
        "200, 1800, 3652, 365, 4.2264670948434594663e-59, 8.0791372887361371938e-58, -654.67923951956876711",
    })
    void givenTenYearsInDays_whenPredicting_thenMatchesTheReference(int x, double tx, double t, double horizon,
                                                                  double alive, double purchases, double logLik) {
        BgNbdModel model = new BgNbdModel(DAYS);
        CustomerSummary customer = new CustomerSummary(x, tx, t);

        assertThat(model.probabilityAlive(customer)).isCloseTo(alive, withinPercentage(1e-9));
        assertThat(model.expectedPurchases(customer, horizon)).isCloseTo(purchases, withinPercentage(1e-9));
        assertThat(model.logLikelihood(customer)).isCloseTo(logLik, within(1e-9));
    }

    @Test
    void givenAThousandPurchasesAllTenYearsAgo_whenPredictingInDays_thenUnderflowsToZeroNotNaN() {
        BgNbdModel model = new BgNbdModel(DAYS);
        CustomerSummary gone = new CustomerSummary(1000, 0, 3652);

        // references 2.2e-2074 and 1.6e-2071: below the smallest double
        assertThat(model.probabilityAlive(gone)).isBetween(0.0, Double.MIN_NORMAL);
        assertThat(model.expectedPurchases(gone, 3652)).isBetween(0.0, Double.MIN_NORMAL);
        assertThat(model.logLikelihood(gone)).isCloseTo(2462.9390540268411852, within(1e-9));
    }

    @Test
    void givenExtremeCustomersInWeeksAndDays_whenTakingTheLikelihoodGradient_thenFiniteAndAgreesWithDifferences() {
        for (double daysPerUnit : new double[] {7, 1}) {
            SummaryCounts data = SummaryCounts.builder().add(1000, 3652 / daysPerUnit, 3652 / daysPerUnit)
                    .add(1000, 0, 3652 / daysPerUnit).add(0, 0, 3652 / daysPerUnit).add(0, 0, 0)
                    .add(1, 0, 0).add(500, 10 / daysPerUnit, 3000 / daysPerUnit).build();
            double[] point = (daysPerUnit == 7 ? WEEKS : DAYS).toLog();
            double[] gradient = new double[4];

            double logLikelihood = BgNbdModel.logLikelihood(point, data, gradient);

            assertThat(logLikelihood).isFinite();
            for (int i = 0; i < 4; i++) {
                double h = 1e-6;
                double[] up = point.clone();
                double[] down = point.clone();
                up[i] += h;
                down[i] -= h;
                double numeric = (BgNbdModel.logLikelihood(up, data, new double[4])
                        - BgNbdModel.logLikelihood(down, data, new double[4])) / (2 * h);
                assertThat(gradient[i]).as("unit %s days, parameter %d", daysPerUnit, i).isFinite()
                        .isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(numeric))));
            }
        }
    }

    @Test
    void givenTenYearsOfCustomersWithExtremes_whenFittingInWeeksAndInDays_thenTheSameFitWithAlphaSevenTimesLarger() {
        BgNbdSimulator simulator = new BgNbdSimulator(WEEKS, 7, 4);
        SummaryCounts.Builder weeks = SummaryCounts.builder();
        SummaryCounts.Builder days = SummaryCounts.builder();
        for (int i = 0; i < 50_000; i++) {
            CustomerSummary customer = simulator.next((i % 3653) / 7.0);
            weeks.add(customer);
            days.add(customer.x(), customer.tx() * 7, customer.T() * 7);
        }
        for (SummaryCounts.Builder builder : List.of(weeks, days)) {
            double unit = builder == weeks ? 1 : 7;
            builder.add(1000, 3652 / 7.0 * unit, 3652 / 7.0 * unit).add(1000, 0, 3652 / 7.0 * unit)
                    .add(0, 0, 0).add(1, 0, 0);
        }

        BgNbdFit inWeeks = BgNbdModel.fit(weeks.build()).requireConverged();
        BgNbdFit inDays = BgNbdModel.fit(days.build()).requireConverged();

        assertThat(inDays.parameters().r()).isCloseTo(inWeeks.parameters().r(), withinPercentage(1e-4));
        assertThat(inDays.parameters().alpha()).isCloseTo(7 * inWeeks.parameters().alpha(), withinPercentage(1e-4));
        assertThat(inDays.parameters().a()).isCloseTo(inWeeks.parameters().a(), withinPercentage(1e-4));
        assertThat(inDays.parameters().b()).isCloseTo(inWeeks.parameters().b(), withinPercentage(1e-4));
        // each customer's likelihood in days is the one in weeks times 7^-x (alpha^r and (alpha + T)^-(r+x) scale)
        assertThat(inDays.diagnostics().logLikelihood() - inWeeks.diagnostics().logLikelihood())
                .isCloseTo(-sumX(weeks.build()) * Math.log(7), within(1e-4));
    }

    @Test
    void givenExtremeBuyersInDays_whenValuingOverTenYears_thenFiniteNonNegativeAndNeverNaN() {
        ClvCalculator calculator = new ClvCalculator(new BgNbdModel(DAYS), SPEND,
                new ClvHorizon(120, 0.01, ClvHorizon.DAYS_PER_MONTH));
        for (CustomerSummary customer : List.of(new CustomerSummary(1000, 3652, 3652),
                new CustomerSummary(1000, 0, 3652), new CustomerSummary(0, 0, 3652), new CustomerSummary(0, 0, 0),
                new CustomerSummary(1, 0, 0), new CustomerSummary(1000, 3651.5, 3652))) {
            for (double meanSpend : new double[] {0, 1e-9, 35, 1e7}) {
                CustomerValue value = calculator.value(customer, new SpendSummary(customer.x() + 1, meanSpend));

                assertThat(value.discountedValue()).as("%s spending %s", customer, meanSpend).isFinite()
                        .isGreaterThanOrEqualTo(0);
                assertThat(value.expectedPurchases()).isFinite().isGreaterThanOrEqualTo(0);
                assertThat(value.expectedSpend()).isFinite().isGreaterThan(0);
            }
        }
        assertThat(calculator.newBuyerValue()).isFinite().isPositive();
    }

    @Test
    void givenZeroSpendBuyers_whenFittingAndValuing_thenExcludedFromTheFitAndValuedBelowThePopulationMean() {
        SpendData data = SpendData.builder().add(1000, 0).add(1000, 1e6).add(1000, 1e-3).add(1, 1e9).add(3, 20)
                .add(2, 35).add(5, 0).build();

        GammaGammaFit fit = GammaGammaModel.fit(data);

        assertThat(fit.customersFitted()).isEqualTo(5);
        assertThat(fit.customersExcluded()).isEqualTo(2);
        assertThat(fit.parameters().p()).isFinite();
        assertThat(SPEND.expectedAverageSpend(new SpendSummary(1000, 0))).isFinite().isPositive()
                .isLessThan(0.1);
    }

    @Test
    void givenAThousandOrdersOverTenYearsInFacts_whenValuing_thenFinite() {
        Instant start = Instant.parse("2016-01-01T12:00:00Z");
        LifecycleFacts facts = LifecycleFacts.empty();
        for (int i = 0; i <= 1000; i++) {
            facts = facts.fold(FactEvent.purchase(start.plusSeconds(86_400L * (i * 3652L / 1000)), BigDecimal.ONE));
        }
        Instant asOf = start.plusSeconds(86_400L * 3652);
        ConsumerValuer valuer = new ConsumerValuer(new BgNbdModel(DAYS), SPEND, FirstPurchaseModel.estimate(
                new FirstPurchaseFlows().add(null, FirstPurchaseFlows.FIRST_PURCHASE, 1).add(null, null, 99)),
                new ClvSettings(120, 0.01, 1, ZoneOffset.UTC, 0.5, 20, "deeplink"));

        BuyerHistory history = BuyerHistory.of(facts, asOf, ZoneOffset.UTC, 1).orElseThrow();
        ConsumerValuation valuation = valuer.value(facts, Map.of(), Set.of("pos"), Set.of(), asOf);

        assertThat(history.purchases().x()).isBetween(900, 1000);
        assertThat(history.purchases().tx()).isEqualTo(3652);
        assertThat(valuation.value()).isFinite().isPositive();
        assertThat(valuation.probabilityAlive()).isGreaterThan(0.99);
    }

    @Test
    void givenValuationsBeyondTheExactRange_whenAdded_thenAnErrorNotAWrappedSum() {
        ConsumerAsset asset = new ConsumerAsset(List.of("aipl"), 0.5)
                .add(ConsumerAssetTest.buyer(9e12, 0.9, "L", "KEEP", Set.of(), Set.of()));

        assertThatThrownBy(() -> asset.add(ConsumerAssetTest.buyer(9e12, 0.9, "L", "KEEP", Set.of(), Set.of())))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> asset.add(ConsumerAssetTest.buyer(1e13, 0.9, "L", "KEEP", Set.of(), Set.of())))
                .isInstanceOf(ArithmeticException.class);
    }

    private static double sumX(SummaryCounts data) {
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            sum += (double) data.x(i) * data.count(i);
        }
        return sum;
    }
}
