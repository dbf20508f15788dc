package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
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
