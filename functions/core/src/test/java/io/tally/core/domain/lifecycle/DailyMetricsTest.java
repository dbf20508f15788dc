package io.tally.core.domain.lifecycle;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.tally.core.domain.lifecycle.LifecycleFixtures.day;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.fact;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DailyMetricsTest {

    @Test
    void givenOrdersRefundsAndBuyers_whenFolding_thenGmvAovAndRepeatRate() {
        DailyMetrics metrics = DailyMetrics.empty();
        for (FactEvent fact : List.of(order(0, "100.00"), order(0, "50.00"), order(0, "25.00"),
                FactEvent.refund(day(0), new BigDecimal("40.00")), fact(FactKind.VIEW, 0))) {
            metrics = metrics.fold(fact);
        }
        metrics = metrics.plusBuyers(2, 1);

        assertThat(metrics.orders()).isEqualTo(3);
        assertThat(metrics.refunds()).isEqualTo(1);
        assertThat(metrics.gmv()).isEqualByComparingTo("135.00");
        assertThat(metrics.averageOrderValue()).contains(new BigDecimal("58.33"));
        assertThat(metrics.repeatPurchaseRate()).contains(new BigDecimal("0.5000"));
    }

    @Test
    void givenTwoShards_whenAdding_thenEqualsFoldingEverythingInOne() {
        DailyMetrics a = DailyMetrics.empty().fold(order(0, "10")).plusBuyers(1, 0);
        DailyMetrics b = DailyMetrics.empty().fold(order(0, "20")).fold(FactEvent.refund(day(0), BigDecimal.ONE))
                .plusBuyers(1, 1);

        DailyMetrics sum = a.plus(b);

        assertThat(sum).isEqualTo(b.plus(a));
        assertThat(sum).isEqualTo(new DailyMetrics(2, new BigDecimal("30"), 1, BigDecimal.ONE, 2, 1));
    }

    @Test
    void givenNoOrdersOrBuyers_whenAskingRatios_thenEmpty() {
        assertThat(DailyMetrics.empty().averageOrderValue()).isEmpty();
        assertThat(DailyMetrics.empty().repeatPurchaseRate()).isEmpty();
        assertThat(DailyMetrics.empty().gmv()).isZero();
    }

    @Test
    void givenMoreRepeatBuyersThanBuyers_whenAdding_thenRejected() {
        assertThatThrownBy(() -> DailyMetrics.empty().plusBuyers(1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
