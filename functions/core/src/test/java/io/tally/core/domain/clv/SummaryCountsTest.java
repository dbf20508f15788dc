package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
    void givenCountsStoredAsBytes_whenReadBack_thenTheSameEntriesAndFit() {
        SummaryCounts counts = SummaryCounts.of(CdnowData.sampleSummaries());

        byte[] bytes = counts.toBytes();
        SummaryCounts restored = SummaryCounts.fromBytes(bytes);

        assertThat(bytes).hasSize(9 + 8 * counts.timeCount() + 20 * counts.size());
        assertThat(restored.size()).isEqualTo(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            assertThat(restored.x(i)).isEqualTo(counts.x(i));
            assertThat(restored.tx(i)).isEqualTo(counts.tx(i));
            assertThat(restored.T(i)).isEqualTo(counts.T(i));
            assertThat(restored.count(i)).isEqualTo(counts.count(i));
        }
        assertThat(BgNbdModel.fit(restored).parameters()).isEqualTo(BgNbdModel.fit(counts).parameters());
    }

    @Test
    void givenCorruptedBytes_whenReadBack_thenRejected() {
        byte[] bytes = SummaryCounts.of(CdnowData.sampleSummaries()).toBytes();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
        byte[] version = bytes.clone();
        version[0] = 9;
        byte[] unordered = SummaryCounts.builder().add(1, 1, 2).add(2, 1, 2).build().toBytes();
        // swap the x of the two entries (after the header and the 2 times): 1, 2 becomes 2, 1
        unordered[9 + 16 + 3] = 2;
        unordered[9 + 16 + 20 + 3] = 1;

        for (byte[] bad : List.of(truncated, version, unordered)) {
            assertThatThrownBy(() -> SummaryCounts.fromBytes(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void givenSpendStoredAsBytes_whenReadBack_thenTheSameFit() {
        SpendData spend = SpendData.of(CdnowData.sampleSpend());

        SpendData restored = SpendData.fromBytes(spend.toBytes());

        assertThat(restored.size()).isEqualTo(946);
        assertThat(restored.excluded()).isEqualTo(2357 - 946);
        assertThat(GammaGammaModel.fit(restored).parameters()).isEqualTo(GammaGammaModel.fit(spend).parameters());
        assertThatThrownBy(() -> SpendData.fromBytes(Arrays.copyOf(spend.toBytes(), 20)))
                .isInstanceOf(IllegalArgumentException.class);
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
