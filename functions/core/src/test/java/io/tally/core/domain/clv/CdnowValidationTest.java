package io.tally.core.domain.clv;

import io.tally.core.domain.clv.CdnowData.Purchase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The models against the CDNOW analyses of Fader, Hardie &amp; Lee: the 1/10 sample (2,357 customers, 39-week
 * calibration to 1997-09-30, holdout weeks 40-78 to 1998-06-30) and the full cohort (23,570 customers). The
 * "more digits" references are the output of docs/tools/clv_crosscheck.py (SciPy, Nelder-Mead on the likelihoods
 * written from the papers, hyp2f1 on the untransformed conditional expectation); docs/clv.md records them.
 */
class CdnowValidationTest {

    private static final double HOLDOUT_WEEKS = 39;

    @Test
    void givenCdnowSampleSummary_whenFittingBgNbd_thenMatchesThePublishedParametersAndLogLikelihood() {
        BgNbdFit fit = BgNbdModel.fit(SummaryCounts.of(CdnowData.sampleSummaries()));

        assertThat(fit.diagnostics().converged()).isTrue();
        BgNbdParameters p = fit.parameters();
        assertThat(p.r()).isCloseTo(0.243, withinPercentage(1));
        assertThat(p.alpha()).isCloseTo(4.414, withinPercentage(1));
        assertThat(p.a()).isCloseTo(0.793, withinPercentage(1));
        assertThat(p.b()).isCloseTo(2.426, withinPercentage(1));
        assertThat(fit.diagnostics().logLikelihood()).isCloseTo(-9582.4, within(0.1));
        // the maximum to more digits (clv_crosscheck.py: 0.242593 4.413532 0.792886 2.425754, -9582.4256)
        assertThat(p.r()).isCloseTo(0.242593, withinPercentage(0.01));
        assertThat(p.alpha()).isCloseTo(4.413532, withinPercentage(0.01));
        assertThat(p.a()).isCloseTo(0.792886, withinPercentage(0.01));
        assertThat(p.b()).isCloseTo(2.425754, withinPercentage(0.01));
        assertThat(fit.diagnostics().logLikelihood()).isCloseTo(-9582.42556, within(1e-4));
    }

    @Test
    void givenCdnowSampleTransactions_whenSummarizingPurchaseDays_thenReproducesTheSummaryFile() {
        Map<Integer, List<Purchase>> purchases = CdnowData.samplePurchases();
        List<CustomerSummary> published = CdnowData.sampleSummaries();

        assertThat(purchases).hasSize(published.size());
        for (int id = 1; id <= published.size(); id++) {
            CustomerSummary ours = CustomerSummary.fromPurchaseDates(CdnowData.dates(purchases.get(id)),
                    CdnowData.CALIBRATION_END, CdnowData.DAYS_PER_WEEK);
            CustomerSummary theirs = published.get(id - 1);

            assertThat(ours.x()).as("x of customer %d", id).isEqualTo(theirs.x());
            assertThat(ours.tx()).as("t_x of customer %d", id).isCloseTo(theirs.tx(), within(0.005));
            assertThat(ours.T()).as("T of customer %d", id).isCloseTo(theirs.T(), within(0.005));
        }
    }

    @Test
    void givenCdnowSampleTransactions_whenCountingTransactionsInsteadOfDays_thenFrequencyDiffersFor80Customers() {
        Map<Integer, List<Purchase>> purchases = CdnowData.samplePurchases();
        List<CustomerSummary> published = CdnowData.sampleSummaries();

        long differing = purchases.entrySet().stream().filter(customer -> {
            long inCalibration = customer.getValue().stream()
                    .filter(p -> !p.date().isAfter(CdnowData.CALIBRATION_END)).count();
            return inCalibration - 1 != published.get(customer.getKey() - 1).x();
        }).count();

        assertThat(differing).isEqualTo(80);
    }

    @Test
    void givenCdnowSampleTransactions_whenAveragingRepeatPurchaseDays_thenReproducesTheSpendFile() {
        Map<Integer, List<Purchase>> purchases = CdnowData.samplePurchases();
        List<SpendSummary> published = CdnowData.sampleSpend();

        for (int id = 1; id <= published.size(); id++) {
            TreeMap<LocalDate, Double> byDay = new TreeMap<>();
            purchases.get(id).stream().filter(p -> !p.date().isAfter(CdnowData.CALIBRATION_END))
                    .forEach(p -> byDay.merge(p.date(), p.dollars(), Double::sum));
            byDay.pollFirstEntry();
            double mean = byDay.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);

            assertThat(byDay).as("x of customer %d", id).hasSize(published.get(id - 1).x());
            assertThat(mean).as("zbar of customer %d", id).isCloseTo(published.get(id - 1).meanSpend(),
                    within(0.0051));
        }
    }

    @Test
    void givenCdnowSampleFit_whenPredictingWeeks40To78_thenRecordsPredictedAgainstActualRepeatPurchases() {
        List<CustomerSummary> customers = CdnowData.sampleSummaries();
        BgNbdModel model = BgNbdModel.fit(SummaryCounts.of(customers)).requireConverged().model();
        Map<Integer, List<Purchase>> purchases = CdnowData.samplePurchases();

        double conditional = customers.stream().mapToDouble(c -> model.expectedPurchases(c, HOLDOUT_WEEKS)).sum();
        double cohort = customers.stream().mapToDouble(c -> model.expectedRepeatPurchases(c.T() + HOLDOUT_WEEKS)
                - model.expectedRepeatPurchases(c.T())).sum();
        long actualDays = purchases.values().stream().mapToLong(CdnowValidationTest::holdoutPurchaseDays).sum();
        long actualTransactions = purchases.values().stream().flatMap(List::stream)
                .filter(p -> p.date().isAfter(CdnowData.CALIBRATION_END)).count();

        // clv_crosscheck.py: "conditional forecast 1653.42, cohort forecast 1666.67, actual repeat purchase days 1882"
        assertThat(conditional).isCloseTo(1653.42, within(0.01));
        assertThat(cohort).isCloseTo(1666.67, within(0.01));
        assertThat(actualDays).isEqualTo(1882);
        assertThat(actualTransactions).isEqualTo(1959);
        assertThat(purchases.values().stream().flatMap(List::stream).map(Purchase::date)
                .max(LocalDate::compareTo)).contains(CdnowData.HOLDOUT_END);
    }

    @Test
    void givenCdnowSpendFile_whenFittingGammaGamma_thenMatchesThePublishedParameters() {
        GammaGammaFit fit = GammaGammaModel.fit(CdnowData.sampleSpend());

        assertThat(fit.diagnostics().converged()).isTrue();
        assertThat(fit.customersFitted()).isEqualTo(946);
        assertThat(fit.customersExcluded()).isEqualTo(2357 - 946);
        GammaGammaParameters p = fit.parameters();
        assertThat(p.p()).isCloseTo(6.25, withinPercentage(1));
        assertThat(p.q()).isCloseTo(3.74, withinPercentage(1));
        assertThat(p.gamma()).isCloseTo(15.44, withinPercentage(1));
        // the maximum to more digits (clv_crosscheck.py: 6.248802 3.744588 15.447749)
        assertThat(p.p()).isCloseTo(6.248803, withinPercentage(0.01));
        assertThat(p.q()).isCloseTo(3.744588, withinPercentage(0.01));
        assertThat(p.gamma()).isCloseTo(15.447746, withinPercentage(0.01));
        assertThat(fit.model().populationMeanSpend()).isCloseTo(35.171, within(0.001));
    }

    @Test
    void givenFullCdnowCohort_whenFittingBgNbdOnThe39WeekCalibration_thenMatchesScipyAndRecordsTheHoldoutForecast() {
        Map<Integer, List<Purchase>> purchases = CdnowData.masterPurchases();
        SummaryCounts.Builder builder = SummaryCounts.builder();
        purchases.values().forEach(customer -> builder.add(CustomerSummary.fromPurchaseDates(
                CdnowData.dates(customer), CdnowData.CALIBRATION_END, CdnowData.DAYS_PER_WEEK)));
        SummaryCounts data = builder.build();

        BgNbdFit fit = BgNbdModel.fit(data);

        assertThat(data.customers()).isEqualTo(23_570);
        assertThat(data.size()).isEqualTo(8_685);
        assertThat(fit.diagnostics().converged()).isTrue();
        // clv_crosscheck.py: 0.251624 4.788943 0.723434 2.161088, log-likelihood -95368.4439
        BgNbdParameters p = fit.parameters();
        assertThat(p.r()).isCloseTo(0.251624, withinPercentage(0.01));
        assertThat(p.alpha()).isCloseTo(4.788943, withinPercentage(0.01));
        assertThat(p.a()).isCloseTo(0.723434, withinPercentage(0.01));
        assertThat(p.b()).isCloseTo(2.161088, withinPercentage(0.01));
        assertThat(fit.diagnostics().logLikelihood()).isCloseTo(-95368.4439, within(1e-3));

        BgNbdModel model = fit.model();
        double conditional = 0;
        double cohort = 0;
        for (List<Purchase> customer : purchases.values()) {
            CustomerSummary summary = CustomerSummary.fromPurchaseDates(CdnowData.dates(customer),
                    CdnowData.CALIBRATION_END, CdnowData.DAYS_PER_WEEK);
            conditional += model.expectedPurchases(summary, HOLDOUT_WEEKS);
            cohort += model.expectedRepeatPurchases(summary.T() + HOLDOUT_WEEKS)
                    - model.expectedRepeatPurchases(summary.T());
        }
        long actual = purchases.values().stream().mapToLong(CdnowValidationTest::holdoutPurchaseDays).sum();
        // clv_crosscheck.py: "conditional forecast 16873.73, cohort forecast 16849.24, actual repeat purchase days 19684"
        assertThat(conditional).isCloseTo(16873.73, within(0.01));
        assertThat(cohort).isCloseTo(16849.24, within(0.01));
        assertThat(actual).isEqualTo(19_684);
    }

    @Test
    void givenFullCdnowCohort_whenFittingGammaGammaOnTheRepeatPurchaseDays_thenMatchesScipy() {
        SpendData.Builder spend = SpendData.builder();
        for (List<Purchase> customer : CdnowData.masterPurchases().values()) {
            TreeMap<LocalDate, Double> byDay = new TreeMap<>();
            customer.stream().filter(p -> !p.date().isAfter(CdnowData.CALIBRATION_END))
                    .forEach(p -> byDay.merge(p.date(), p.dollars(), Double::sum));
            byDay.pollFirstEntry();
            spend.add(byDay.size(), byDay.values().stream().mapToDouble(Double::doubleValue).average().orElse(0));
        }

        GammaGammaFit fit = GammaGammaModel.fit(spend.build()).requireConverged();

        // clv_crosscheck.py: "master gamma-gamma p q gamma: 6.275361 3.624450 14.983683 ... customers fitted 9450"
        assertThat(fit.customersFitted()).isEqualTo(9_450);
        assertThat(fit.parameters().p()).isCloseTo(6.275361, withinPercentage(0.01));
        assertThat(fit.parameters().q()).isCloseTo(3.624450, withinPercentage(0.01));
        assertThat(fit.parameters().gamma()).isCloseTo(14.983683, withinPercentage(0.01));
        assertThat(fit.diagnostics().logLikelihood()).isCloseTo(-40763.4763, within(1e-3));
    }

    private static long holdoutPurchaseDays(List<Purchase> purchases) {
        return purchases.stream().map(Purchase::date)
                .filter(d -> d.isAfter(CdnowData.CALIBRATION_END) && !d.isAfter(CdnowData.HOLDOUT_END))
                .distinct().count();
    }
}
