package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryCountsTest {

    @Test
    void givenRepeatedTriples_whenCompressing_thenEachDistinctTripleOnceWithItsCount() {
        SummaryCounts counts = SummaryCounts.of(List.of(new CustomerSummary(2, 5, 10), new CustomerSummary(0, 0, 10),
                new CustomerSummary(2, 5, 10), new CustomerSummary(2, 5, 12), new CustomerSummary(0, 0, 10)));

        assertThat(counts.size()).isEqualTo(3);
        assertThat(counts.customers()).isEqualTo(5);
        assertThat(counts.x(0)).isZero();
        assertThat(counts.count(0)).isEqualTo(2);
        assertThat(counts.T(1)).isEqualTo(10);
        assertThat(counts.count(1)).isEqualTo(2);
        assertThat(counts.T(2)).isEqualTo(12);
        assertThat(counts.count(2)).isEqualTo(1);
    }

    @Test
    void givenManyDistinctTriples_whenCompressing_thenKeepsAllOrderedByXThenTThenTx() {
        SummaryCounts.Builder builder = SummaryCounts.builder();
        for (int i = 9_999; i >= 0; i--) {
            builder.add(i % 7, i % 7 == 0 ? 0 : i / 7 % 13, 20 + i / 91);
            builder.add(i % 7, i % 7 == 0 ? 0 : i / 7 % 13, 20 + i / 91);
        }
        SummaryCounts counts = builder.build();

        assertThat(counts.customers()).isEqualTo(20_000);
        for (int i = 1; i < counts.size(); i++) {
            int byX = Integer.compare(counts.x(i - 1), counts.x(i));
            int byT = Double.compare(counts.T(i - 1), counts.T(i));
            int byTx = Double.compare(counts.tx(i - 1), counts.tx(i));
            assertThat(byX < 0 || byX == 0 && (byT < 0 || byT == 0 && byTx < 0)).as("entry %d", i).isTrue();
            assertThat(counts.count(i)).isEven();
        }
    }

    @Test
    void givenCustomersGatheredFromScanSegmentsInAnyOrder_whenFitting_thenBitIdenticalToOneBuilder() {
        List<CustomerSummary> customers = CdnowData.sampleSummaries();
        SummaryCounts whole = SummaryCounts.of(customers);
        List<SummaryCounts> parts = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            SummaryCounts.Builder builder = SummaryCounts.builder();
            for (int i = customers.size() - 1 - part; i >= 0; i -= 3) {
                builder.add(customers.get(i));
            }
            parts.add(builder.build());
        }

        SummaryCounts gathered = SummaryCounts.builder().addAll(parts.get(2)).addAll(parts.get(0))
                .addAll(parts.get(1)).build();

        assertThat(gathered.customers()).isEqualTo(whole.customers());
        assertThat(gathered.size()).isEqualTo(whole.size());
        for (int i = 0; i < whole.size(); i++) {
            assertThat(gathered.x(i)).isEqualTo(whole.x(i));
            assertThat(gathered.tx(i)).isEqualTo(whole.tx(i));
            assertThat(gathered.T(i)).isEqualTo(whole.T(i));
            assertThat(gathered.count(i)).isEqualTo(whole.count(i));
        }
        assertThat(BgNbdModel.fit(gathered).parameters()).isEqualTo(BgNbdModel.fit(whole).parameters());
    }

    @Test
    void givenTimesOnADayGrid_whenCompressing_thenTheTimeTableHoldsEachDistinctTimeOnce() {
        SummaryCounts.Builder builder = SummaryCounts.builder();
        for (int i = 0; i < 50_000; i++) {
            int t = i % 365;
            int x = i % 5;
            builder.add(x, x == 0 ? 0 : (i / 5) % (t + 1) / 7.0, t / 7.0);
        }

        SummaryCounts counts = builder.build();

        assertThat(counts.timeCount()).isEqualTo(365);
        for (int k = 1; k < counts.timeCount(); k++) {
            assertThat(counts.time(k)).isGreaterThan(counts.time(k - 1));
        }
        for (int i = 0; i < counts.size(); i++) {
            assertThat(counts.time(counts.tIndex(i))).isEqualTo(counts.T(i));
            assertThat(counts.time(counts.txIndex(i))).isEqualTo(counts.tx(i));
        }
    }

    @Test
    void givenNegativeZeroRecency_whenCompressing_thenMergesWithZero() {
        SummaryCounts counts = SummaryCounts.builder().add(0, 0.0, 5).add(0, -0.0, 5).add(1, 0, 5).build();

        assertThat(counts.size()).isEqualTo(2);
        assertThat(counts.count(0)).isEqualTo(2);
    }

    @Test
    void givenInvalidHistories_whenAdding_thenRejected() {
        SummaryCounts.Builder builder = SummaryCounts.builder();

        assertThatThrownBy(() -> builder.add(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(0, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(1, 0.5, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(1, 0.5, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenPurchaseDates_whenSummarizing_thenSameDayPurchasesCountOnceAndLaterOnesAreIgnored() {
        LocalDate first = LocalDate.of(1997, 1, 1);
        List<LocalDate> dates = List.of(first.plusDays(14), first, first.plusDays(14), first.plusDays(7),
                first, LocalDate.of(1997, 10, 1));

        CustomerSummary summary = CustomerSummary.fromPurchaseDates(dates, LocalDate.of(1997, 9, 30), 7);

        assertThat(summary).isEqualTo(new CustomerSummary(2, 2, 272 / 7.0));
    }

    @Test
    void givenFirstPurchaseAfterCalibration_whenSummarizing_thenRejected() {
        assertThatThrownBy(() -> CustomerSummary.fromPurchaseDates(List.of(LocalDate.of(1998, 1, 1)),
                LocalDate.of(1997, 9, 30), 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
