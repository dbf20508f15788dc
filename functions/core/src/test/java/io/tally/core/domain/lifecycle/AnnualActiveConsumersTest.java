package io.tally.core.domain.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AnnualActiveConsumersTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

    @Test
    void givenLastPurchasesAroundTheWindow_whenCounting_thenOnlyTheLast365DaysIncludingAsOfCount() {
        Stream<Instant> lastPurchases = Stream.of(
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2024-12-31T23:59:59.999Z"),
                Instant.parse("2025-12-31T23:59:59.999Z"),
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2025-06-15T12:00:00Z"),
                null);

        assertThat(AnnualActiveConsumers.count(lastPurchases, AS_OF)).isEqualTo(3);
        assertThat(AnnualActiveConsumers.windowStart(AS_OF, ZoneOffset.UTC)).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void givenBrandZone_whenCounting_thenDaysAreThatZonesDays() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant lateEveningLocal = Instant.parse("2024-12-31T16:30:00Z");

        assertThat(AnnualActiveConsumers.count(Stream.of(lateEveningLocal), AS_OF, shanghai)).isEqualTo(1);
        assertThat(AnnualActiveConsumers.count(Stream.of(lateEveningLocal), AS_OF)).isZero();
    }

    @Test
    void givenLastPurchase_whenAskingWhenItLeaves_thenThe365thDayAfterItsDay() {
        Instant lastPurchase = Instant.parse("2024-01-01T08:00:00Z");
        LocalDate leaves = AnnualActiveConsumers.leavesOn(lastPurchase, ZoneOffset.UTC);

        assertThat(leaves).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(AnnualActiveConsumers.isActive(lastPurchase, leaves.minusDays(1), ZoneOffset.UTC)).isTrue();
        assertThat(AnnualActiveConsumers.isActive(lastPurchase, leaves, ZoneOffset.UTC)).isFalse();
    }

    @Test
    void givenLastPurchaseMoves_whenComputingTheRunningDelta_thenPlusOneOnlyWhenComingBackIntoTheWindow() {
        LocalDate today = LocalDate.of(2024, 6, 1);
        Instant todayNoon = Instant.parse("2024-06-01T12:00:00Z");

        assertThat(AnnualActiveConsumers.delta(null, todayNoon, today, ZoneOffset.UTC)).isEqualTo(1);
        assertThat(AnnualActiveConsumers.delta(Instant.parse("2023-01-01T00:00:00Z"), todayNoon, today, ZoneOffset.UTC))
                .isEqualTo(1);
        assertThat(AnnualActiveConsumers.delta(Instant.parse("2024-02-01T00:00:00Z"), todayNoon, today, ZoneOffset.UTC))
                .isZero();
        assertThat(AnnualActiveConsumers.delta(null, Instant.parse("2022-01-01T00:00:00Z"), today, ZoneOffset.UTC))
                .isZero();
    }
}
