package io.tally.core.domain.clv;

import io.tally.core.domain.clv.CdnowData.Purchase;
import io.tally.core.domain.lifecycle.FactEvent;
import io.tally.core.domain.lifecycle.FactKind;
import io.tally.core.domain.lifecycle.LifecycleFacts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BuyerHistoryTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant DAY_0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final double WEEKS = 7;

    @Test
    void givenNoPurchase_whenSummarizing_thenNotABuyer() {
        LifecycleFacts browsing = LifecycleFacts.empty().fold(FactEvent.of(FactKind.VIEW, DAY_0));

        assertThat(BuyerHistory.of(browsing, DAY_0.plusSeconds(86_400), UTC, WEEKS)).isEmpty();
    }

    @Test
    void givenFirstPurchaseAfterTheValuationTime_whenSummarizing_thenNotABuyerYet() {
        LifecycleFacts facts = purchases(order(3, "20"));

        assertThat(BuyerHistory.of(facts, day(2), UTC, WEEKS)).isEmpty();
    }

    @Test
    void givenOrdersOnThreeDaysTwoOfThemOnTheFirst_whenSummarizing_thenDaysAreTransactions() {
        LifecycleFacts facts = purchases(order(0, "10"), order(0, "30"), order(14, "20"), order(21, "40"),
                order(21, "0"));

        BuyerHistory history = BuyerHistory.of(facts, day(70), UTC, WEEKS).orElseThrow();

        assertThat(history.purchases()).isEqualTo(new CustomerSummary(2, 3, 10));
        assertThat(history.spend()).isEqualTo(new SpendSummary(3, 100 / 3.0));
    }

    @Test
    void givenTheSameOrdersInDays_whenSummarizing_thenTimesAreInDays() {
        LifecycleFacts facts = purchases(order(0, "10"), order(14, "20"), order(21, "40"));

        BuyerHistory history = BuyerHistory.of(facts, day(70), UTC, 1).orElseThrow();

        assertThat(history.purchases()).isEqualTo(new CustomerSummary(2, 21, 70));
    }

    @Test
    void givenAnOrderLateInTheUtcDay_whenSummarizingInAnEasternZone_thenItFallsOnTheNextDay() {
        Instant first = Instant.parse("2026-01-05T10:00:00Z");
        Instant lateEvening = Instant.parse("2026-01-05T20:00:00Z");
        LifecycleFacts facts = LifecycleFacts.empty().fold(FactEvent.purchase(first, BigDecimal.TEN))
                .fold(FactEvent.purchase(lateEvening, BigDecimal.TEN));
        Instant asOf = Instant.parse("2026-01-20T00:00:00Z");

        assertThat(BuyerHistory.of(facts, asOf, UTC, 1).orElseThrow().purchases().x()).isZero();
        assertThat(BuyerHistory.of(facts, asOf, ZoneId.of("Asia/Shanghai"), 1).orElseThrow().purchases())
                .isEqualTo(new CustomerSummary(1, 1, 15));
    }

    @Test
    void givenOrdersAfterTheValuationTime_whenSummarizing_thenTheyAndTheirShareOfTheValueAreLeftOut() {
        LifecycleFacts facts = purchases(order(0, "10"), order(7, "30"), order(30, "50"), order(40, "70"));

        BuyerHistory history = BuyerHistory.of(facts, day(28), UTC, 1).orElseThrow();

        assertThat(history.purchases()).isEqualTo(new CustomerSummary(1, 7, 28));
        // the facts keep the value sum only: 2 of the 4 orders are up to day 28, so half of 160 over 2 days
        assertThat(history.spend()).isEqualTo(new SpendSummary(2, 40));
    }

    @Test
    void givenSixteenOrdersAllAfterTheValuationTimeAndOlderOnes_whenSummarizing_thenRejectedAsUnknown() {
        List<FactEvent> events = new ArrayList<>(List.of(order(0, "5"), order(1, "5")));
        for (int d = 10; d < 26; d++) {
            events.add(order(d, "5"));
        }

        assertThatThrownBy(() -> BuyerHistory.of(purchases(events), day(5), UTC, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown");
    }

    @Test
    void givenMoreOrdersThanTheFactsKeep_whenSummarizing_thenOlderOrdersCountAsSeparateDaysAsFarAsTheDaysAllow() {
        // 30 orders on days 0..29, one a day: the facts keep days 14..29; the 14 older ones are 14 distinct days
        List<FactEvent> daily = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            daily.add(order(d, "1"));
        }
        // 20 orders on day 0 and 10 on day 1: the kept 16 are 10 on day 1 and 6 on day 0, so all days are known
        List<FactEvent> bunched = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bunched.add(order(i < 20 ? 0 : 1, "1"));
        }
        // 20 orders on day 0 and 16 on day 9: the hidden orders could fall on days 1..8 but all fall on day 0
        List<FactEvent> gap = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            gap.add(order(i < 20 ? 0 : 9, "1"));
        }

        assertThat(BuyerHistory.of(purchases(daily), day(30), UTC, 1).orElseThrow().purchases())
                .isEqualTo(new CustomerSummary(29, 29, 30));
        assertThat(BuyerHistory.of(purchases(bunched), day(30), UTC, 1).orElseThrow().purchases())
                .isEqualTo(new CustomerSummary(1, 1, 30));
        assertThat(BuyerHistory.of(purchases(gap), day(30), UTC, 1).orElseThrow().purchases().x())
                .as("upper bound: one day for the first purchase and up to 8 between, against 1 really")
                .isEqualTo(9);
    }

    @Test
    void givenRefunds_whenSummarizing_thenTheyLowerTheSpendButNotThePurchasesAndNeverBelowZero() {
        LifecycleFacts facts = purchases(order(0, "40"), order(10, "60"));
        LifecycleFacts refunded = facts.fold(FactEvent.refund(day(12), new BigDecimal("60")));
        LifecycleFacts overRefunded = refunded.fold(FactEvent.refund(day(13), new BigDecimal("70")));

        BuyerHistory history = BuyerHistory.of(refunded, day(20), UTC, 1).orElseThrow();

        assertThat(history.purchases()).isEqualTo(new CustomerSummary(1, 10, 20));
        assertThat(history.spend()).isEqualTo(new SpendSummary(2, 20));
        assertThat(BuyerHistory.of(overRefunded, day(20), UTC, 1).orElseThrow().spend())
                .isEqualTo(new SpendSummary(2, 0));
    }

    @Test
    void givenTheCdnowSampleFoldedIntoFacts_whenSummarizingAtTheCalibrationEnd_thenReproducesTheSummaryFile() {
        Map<Integer, List<Purchase>> purchases = CdnowData.samplePurchases();
        List<CustomerSummary> published = CdnowData.sampleSummaries();
        Instant calibrationEnd = CdnowData.CALIBRATION_END.atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
        int beyondTheKeptOrders = 0;

        for (int id = 1; id <= published.size(); id++) {
            List<Purchase> calibration = purchases.get(id).stream()
                    .filter(p -> !p.date().isAfter(CdnowData.CALIBRATION_END)).toList();
            TreeMap<LocalDate, Double> byDay = new TreeMap<>();
            calibration.forEach(p -> byDay.merge(p.date(), p.dollars(), Double::sum));

            BuyerHistory history = BuyerHistory.of(facts(calibration), calibrationEnd, UTC, WEEKS).orElseThrow();

            CustomerSummary expected = published.get(id - 1);
            if (calibration.size() > LifecycleFacts.ORDER_HISTORY) {
                beyondTheKeptOrders++;
                assertThat(history.purchases().x()).as("x of customer %d", id).isGreaterThanOrEqualTo(expected.x());
            } else {
                assertThat(history.purchases().x()).as("x of customer %d", id).isEqualTo(expected.x());
            }
            assertThat(history.purchases().tx()).as("t_x of customer %d", id).isCloseTo(expected.tx(), within(0.005));
            assertThat(history.purchases().T()).as("T of customer %d", id).isCloseTo(expected.T(), within(0.005));
            assertThat(history.spend().meanSpend()).as("mean spend of customer %d", id).isCloseTo(
                    byDay.values().stream().mapToDouble(Double::doubleValue).sum() / (history.purchases().x() + 1),
                    within(1e-9));
        }
        // 7 customers of the sample have more than 16 orders in the calibration period (their x is estimated)
        assertThat(beyondTheKeptOrders).isEqualTo(7);
    }

    @Test
    void givenTheWholeCdnowSampleFoldedIntoFacts_whenSummarizingAsOfTheCalibrationEnd_thenHoldoutOrdersAreLeftOut() {
        Map<Integer, List<Purchase>> purchases = CdnowData.samplePurchases();
        List<CustomerSummary> published = CdnowData.sampleSummaries();
        Instant calibrationEnd = CdnowData.CALIBRATION_END.atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
        int exact = 0;
        int withHoldoutOrders = 0;

        for (int id = 1; id <= published.size(); id++) {
            List<Purchase> all = purchases.get(id);
            if (all.size() > LifecycleFacts.ORDER_HISTORY) {
                continue;
            }
            Optional<BuyerHistory> history = BuyerHistory.of(facts(all), calibrationEnd, UTC, WEEKS);

            assertThat(history.orElseThrow().purchases().x()).as("x of customer %d", id)
                    .isEqualTo(published.get(id - 1).x());
            assertThat(history.orElseThrow().purchases().tx()).isCloseTo(published.get(id - 1).tx(), within(0.005));
            exact++;
            withHoldoutOrders += all.stream().anyMatch(p -> p.date().isAfter(CdnowData.CALIBRATION_END)) ? 1 : 0;
        }
        assertThat(exact).isGreaterThan(2300);
        assertThat(withHoldoutOrders).isGreaterThan(500);
    }

    private static LifecycleFacts facts(List<Purchase> purchases) {
        LifecycleFacts facts = LifecycleFacts.empty();
        for (Purchase p : purchases) {
            facts = facts.fold(FactEvent.purchase(p.date().atTime(12, 0).toInstant(ZoneOffset.UTC),
                    BigDecimal.valueOf(p.dollars())));
        }
        return facts;
    }

    private static FactEvent order(int day, String amount) {
        return FactEvent.purchase(DAY_0.plusSeconds(86_400L * day), new BigDecimal(amount));
    }

    private static LifecycleFacts purchases(FactEvent... events) {
        return purchases(List.of(events));
    }

    private static LifecycleFacts purchases(List<FactEvent> events) {
        return LifecycleFacts.empty().foldAll(events);
    }

    /** Noon of day n, after the orders of that day. */
    private static Instant day(int n) {
        return DAY_0.plusSeconds(86_400L * n + 7_200);
    }
}
