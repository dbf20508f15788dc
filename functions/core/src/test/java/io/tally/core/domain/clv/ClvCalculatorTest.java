package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class ClvCalculatorTest {

    private static final BgNbdModel PURCHASES = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
    private static final GammaGammaModel SPEND = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
    private static final CustomerSummary CUSTOMER_1 = new CustomerSummary(2, 30.43, 38.86);

    @Test
    void givenMonthlyExpectations_whenSummed_thenEqualTheCumulativeExpectationOverTheHorizon() {
        ClvHorizon horizon = ClvHorizon.twelveMonths(ClvHorizon.WEEKS_PER_MONTH);

        double[] monthly = new ClvCalculator(PURCHASES, SPEND, horizon).expectedPurchasesByMonth(CUSTOMER_1);

        assertThat(monthly).hasSize(12);
        assertThat(Arrays.stream(monthly).sum()).isCloseTo(
                PURCHASES.expectedPurchases(CUSTOMER_1, 12 * ClvHorizon.WEEKS_PER_MONTH), within(1e-12));
    }

    @Test
    void givenCustomer_whenValuing_thenIsTheDiscountedSumOfMonthlyPurchasesTimesExpectedSpend() {
        ClvHorizon horizon = new ClvHorizon(12, 0.01, ClvHorizon.WEEKS_PER_MONTH);
        double expected = 0;
        for (int m = 1; m <= 12; m++) {
            double month = PURCHASES.expectedPurchases(CUSTOMER_1, m * ClvHorizon.WEEKS_PER_MONTH)
                    - PURCHASES.expectedPurchases(CUSTOMER_1, (m - 1) * ClvHorizon.WEEKS_PER_MONTH);
            expected += month / Math.pow(1.01, m);
        }
        double spend = SPEND.expectedAverageSpend(new SpendSummary(2, 22.35));

        CustomerValue value = new ClvCalculator(PURCHASES, SPEND, horizon).value(CUSTOMER_1, 22.35);

        assertThat(value.discountedValue()).isCloseTo(expected * spend, withinPercentage(1e-10));
        assertThat(value.expectedSpend()).isEqualTo(spend);
        assertThat(value.probabilityAlive()).isEqualTo(PURCHASES.probabilityAlive(CUSTOMER_1));
        assertThat(value.expectedPurchases())
                .isCloseTo(PURCHASES.expectedPurchases(CUSTOMER_1, 12 * ClvHorizon.WEEKS_PER_MONTH), within(1e-12));
    }

    @Test
    void givenNoDiscounting_whenValuing_thenIsExpectedPurchasesTimesExpectedSpend() {
        CustomerValue value = new ClvCalculator(PURCHASES, SPEND, new ClvHorizon(24, 0, ClvHorizon.WEEKS_PER_MONTH))
                .value(CUSTOMER_1, 22.35);

        assertThat(value.discountedValue()).isCloseTo(value.expectedPurchases() * value.expectedSpend(),
                withinPercentage(1e-10));
    }

    @Test
    void givenSameModelInDays_whenValuingTheSameCustomer_thenSameValue() {
        BgNbdModel inDays = new BgNbdModel(new BgNbdParameters(0.243, 4.414 * 7, 0.793, 2.426));
        CustomerSummary customerInDays = new CustomerSummary(2, 30.43 * 7, 38.86 * 7);

        CustomerValue weeks = new ClvCalculator(PURCHASES, SPEND, ClvHorizon.twelveMonths(ClvHorizon.WEEKS_PER_MONTH))
                .value(CUSTOMER_1, 22.35);
        CustomerValue days = new ClvCalculator(inDays, SPEND, ClvHorizon.twelveMonths(ClvHorizon.DAYS_PER_MONTH))
                .value(customerInDays, 22.35);

        assertThat(days.discountedValue()).isCloseTo(weeks.discountedValue(), withinPercentage(1e-9));
    }

    @Test
    void givenExtremeCustomers_whenValuing_thenFiniteNonNegativeAndNeverNaN() {
        ClvCalculator calculator =
                new ClvCalculator(PURCHASES, SPEND, new ClvHorizon(120, 0.01, ClvHorizon.WEEKS_PER_MONTH));
        for (CustomerSummary customer : List.of(new CustomerSummary(0, 0, 0), new CustomerSummary(0, 0, 520),
                new CustomerSummary(1000, 520, 520), new CustomerSummary(1000, 0, 520),
                new CustomerSummary(1, 0, 0))) {
            for (double meanSpend : new double[] {0, 1e-6, 35, 1e6}) {
                CustomerValue value = calculator.value(customer, meanSpend);

                assertThat(value.discountedValue()).as("%s spending %s", customer, meanSpend).isFinite()
                        .isGreaterThanOrEqualTo(0);
                assertThat(value.probabilityAlive()).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void givenCdnowModels_whenValuingTheCohort_thenMostValueComesFromRepeatBuyers() {
        BgNbdModel purchases = BgNbdModel.fit(SummaryCounts.of(CdnowData.sampleSummaries())).requireConverged()
                .model();
        GammaGammaModel spend = GammaGammaModel.fit(CdnowData.sampleSpend()).requireConverged().model();
        ClvCalculator calculator =
                new ClvCalculator(purchases, spend, ClvHorizon.twelveMonths(ClvHorizon.WEEKS_PER_MONTH));
        List<CustomerSummary> customers = CdnowData.sampleSummaries();
        List<SpendSummary> spends = CdnowData.sampleSpend();

        double total = 0;
        double repeatBuyers = 0;
        for (int i = 0; i < customers.size(); i++) {
            double value = calculator.value(customers.get(i), spends.get(i).meanSpend()).discountedValue();
            total += value;
            repeatBuyers += customers.get(i).x() > 0 ? value : 0;
        }

        // 71,552 from an independent SciPy fit and valuation of the same summaries (docs/clv.md)
        assertThat(total).isCloseTo(71_552, withinPercentage(0.1));
        assertThat(repeatBuyers / total).isGreaterThan(0.5);
    }

    @Test
    void givenCdnowModels_whenValuingANewBuyer_thenMatchesTheScipyCrossCheck() {
        ClvCalculator calculator = cdnowCalculator();

        // docs/tools/clv_crosscheck.py: "sample new buyer: discounted repeat purchases 1.371433, value 83.4057"
        assertThat(calculator.newBuyerValue()).isCloseTo(83.4057, within(0.0005));
    }

    @Test
    void givenCdnowModelsAndATenPercentMonthlyFirstPurchaseRate_whenValuingANonBuyer_thenMatchesTheScipyCrossCheck() {
        ClvCalculator calculator = cdnowCalculator();
        double[] byMonth = new double[12];
        for (int m = 1; m <= 12; m++) {
            byMonth[m - 1] = 0.1 * Math.pow(0.9, m - 1);
        }

        NonBuyerValue value = calculator.nonBuyerValue(byMonth);

        // docs/tools/clv_crosscheck.py: "P(within 12 months) 0.717570, expected purchases 1.386484, value 45.7254"
        assertThat(value.probabilityFirstPurchase()).isCloseTo(0.717570, within(5e-7));
        assertThat(value.expectedPurchases()).isCloseTo(1.386484, within(5e-6));
        assertThat(value.discountedValue()).isCloseTo(45.7254, within(0.0005));
    }

    @Test
    void givenAFirstPurchaseCertainInTheFirstOrTheLastMonth_whenValuing_thenTheNewBuyerValueOverTheMonthsLeft() {
        ClvCalculator calculator = new ClvCalculator(PURCHASES, SPEND, ClvHorizon.twelveMonths(4.348));
        double[] first = new double[12];
        first[0] = 1;
        double[] last = new double[12];
        last[11] = 1;
        ClvCalculator elevenMonths = new ClvCalculator(PURCHASES, SPEND, new ClvHorizon(11, 0.01, 4.348));

        NonBuyerValue inTheFirst = calculator.nonBuyerValue(first);
        NonBuyerValue inTheLast = calculator.nonBuyerValue(last);

        assertThat(inTheFirst.discountedValue()).isCloseTo(elevenMonths.newBuyerValue() / 1.01, within(1e-9));
        assertThat(inTheFirst.expectedPurchases())
                .isCloseTo(1 + PURCHASES.expectedRepeatPurchases(11 * 4.348), within(1e-12));
        assertThat(inTheLast.discountedValue())
                .isCloseTo(SPEND.populationMeanSpend() / Math.pow(1.01, 12), within(1e-9));
        assertThat(inTheLast.expectedPurchases()).isEqualTo(1);
        assertThat(calculator.nonBuyerValue(new double[12])).isEqualTo(new NonBuyerValue(0, 0, 0));
    }

    @Test
    void givenProbabilitiesThatAreNotOnePerMonthOrSumOverOne_whenValuingANonBuyer_thenRejected() {
        ClvCalculator calculator = new ClvCalculator(PURCHASES, SPEND, ClvHorizon.twelveMonths(4.348));
        double[] tooMuch = new double[12];
        Arrays.fill(tooMuch, 0.1);

        assertThatThrownBy(() -> calculator.nonBuyerValue(new double[11])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calculator.nonBuyerValue(tooMuch)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenInvalidHorizon_whenCreating_thenRejected() {
        assertThatThrownBy(() -> new ClvHorizon(0, 0.01, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClvHorizon(12, -0.01, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClvHorizon(12, 0.01, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ClvCalculator cdnowCalculator() {
        BgNbdModel purchases = BgNbdModel.fit(SummaryCounts.of(CdnowData.sampleSummaries())).requireConverged()
                .model();
        GammaGammaModel spend = GammaGammaModel.fit(CdnowData.sampleSpend()).requireConverged().model();
        return new ClvCalculator(purchases, spend, ClvHorizon.twelveMonths(ClvHorizon.WEEKS_PER_MONTH));
    }
}
