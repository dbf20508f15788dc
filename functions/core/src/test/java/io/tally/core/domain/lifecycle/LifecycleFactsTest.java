package io.tally.core.domain.lifecycle;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.tally.core.domain.lifecycle.LifecycleFixtures.day;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.fact;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.facts;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleFactsTest {

    @Test
    void givenEmptyFacts_whenReading_thenNothingHappened() {
        LifecycleFacts empty = LifecycleFacts.empty();

        assertThat(empty.lastAt().asMap()).isEmpty();
        assertThat(empty.lastPurchaseAt()).isNull();
        assertThat(empty.member()).isFalse();
        assertThat(empty.memberSince()).isNull();
        assertThat(empty.lifetimeValue()).isZero();
    }

    @Test
    void givenInteractions_whenFolding_thenLatestTimePerKindIsKept() {
        LifecycleFacts facts = facts(fact(FactKind.VIEW, 5), fact(FactKind.VIEW, 2), fact(FactKind.CLICK, 1),
                fact(FactKind.SHARE, 3), fact(FactKind.REVIEW_POSITIVE, 4));

        assertThat(facts.lastAt().asMap()).containsOnly(Map.entry(FactKind.VIEW, day(5)),
                Map.entry(FactKind.CLICK, day(1)), Map.entry(FactKind.SHARE, day(3)),
                Map.entry(FactKind.REVIEW_POSITIVE, day(4)));
        assertThat(facts.lastShareAt()).isEqualTo(day(3));
        assertThat(facts.lastPositiveReviewAt()).isEqualTo(day(4));
        assertThat(facts.visitDays().days()).containsExactly(day(5).atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                day(2).atZone(java.time.ZoneOffset.UTC).toLocalDate(), day(1).atZone(java.time.ZoneOffset.UTC).toLocalDate());
    }

    @Test
    void givenOrdersAndRefunds_whenFolding_thenCountsValuesAndFirstAndLastAreKept() {
        LifecycleFacts facts = facts(order(10, "30.00"), order(3, "12.50"), FactEvent.refund(day(11), new BigDecimal("5")));

        assertThat(facts.orderCount()).isEqualTo(2);
        assertThat(facts.orderValue()).isEqualByComparingTo("42.50");
        assertThat(facts.refundCount()).isEqualTo(1);
        assertThat(facts.lifetimeValue()).isEqualByComparingTo("37.50");
        assertThat(facts.firstPurchaseAt()).isEqualTo(day(3));
        assertThat(facts.lastPurchaseAt()).isEqualTo(day(10));
        assertThat(facts.lastRefundAt()).isEqualTo(day(11));
        assertThat(facts.recentOrders().times()).containsExactly(day(10), day(3));
    }

    @Test
    void givenMoreOrdersThanTheHistory_whenFolding_thenOnlyTheMostRecentAreKeptButAllAreCounted() {
        List<FactEvent> orders = IntStream.range(0, 40).mapToObj(d -> order(d, "1")).toList();

        LifecycleFacts facts = LifecycleFacts.empty().foldAll(orders);

        assertThat(facts.orderCount()).isEqualTo(40);
        assertThat(facts.recentOrders().times()).hasSize(LifecycleFacts.ORDER_HISTORY)
                .first().isEqualTo(day(39));
        assertThat(facts.recentOrders().times()).last().isEqualTo(day(40 - LifecycleFacts.ORDER_HISTORY));
        assertThat(facts.ordersWithinDays(day(39), 365)).isEqualTo(LifecycleFacts.ORDER_HISTORY);
    }

    @Test
    void givenTwoOrdersAtTheSameInstant_whenFolding_thenBothCount() {
        LifecycleFacts facts = facts(order(1, "1"), order(1, "1"));

        assertThat(facts.ordersWithinDays(day(2), 30)).isEqualTo(2);
    }

    @Test
    void givenJoinedThenLeftThenRejoined_whenReadingMembership_thenMemberSinceTheRejoin() {
        LifecycleFacts joined = facts(fact(FactKind.MEMBERSHIP_JOINED, 1), fact(FactKind.MEMBERSHIP_JOINED, 4));
        LifecycleFacts left = joined.fold(fact(FactKind.MEMBERSHIP_LEFT, 6));
        LifecycleFacts rejoined = left.fold(fact(FactKind.MEMBERSHIP_JOINED, 9));

        assertThat(joined.member()).isTrue();
        assertThat(joined.memberSince()).isEqualTo(day(1));
        assertThat(left.member()).isFalse();
        assertThat(left.memberSince()).isNull();
        assertThat(rejoined.member()).isTrue();
        assertThat(rejoined.memberSince()).isEqualTo(day(9));
    }

    @Test
    void givenJoinAndLeaveAtTheSameInstant_whenReadingMembership_thenNotAMember() {
        assertThat(facts(fact(FactKind.MEMBERSHIP_LEFT, 1), fact(FactKind.MEMBERSHIP_JOINED, 1)).member()).isFalse();
    }

    @Test
    void givenSubMillisecondTimestamps_whenFolding_thenTimesAreKeptToTheMillisecond() {
        LifecycleFacts facts = facts(FactEvent.purchase(Instant.parse("2024-01-01T00:00:00.123456789Z"), BigDecimal.ONE));

        assertThat(facts.lastPurchaseAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00.123Z"));
        assertThat(facts.firstPurchaseAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00.123Z"));
    }

    @Test
    void givenTwoConsumers_whenMerging_thenFactsAreThoseOfAllTheirEvents() {
        List<FactEvent> first = List.of(fact(FactKind.EXPOSURE, 0), order(3, "10"), fact(FactKind.MEMBERSHIP_JOINED, 8));
        List<FactEvent> second = List.of(fact(FactKind.VIEW, 1), order(2, "5.5"), FactEvent.refund(day(4), BigDecimal.ONE));
        List<FactEvent> all = new ArrayList<>(first);
        all.addAll(second);

        LifecycleFacts merged = LifecycleFacts.empty().foldAll(first).merge(LifecycleFacts.empty().foldAll(second));

        assertThat(merged).isEqualTo(LifecycleFacts.empty().foldAll(all));
        assertThat(merged.firstPurchaseAt()).isEqualTo(day(2));
        assertThat(merged.memberSince()).isEqualTo(day(8));
    }

    @Test
    void givenFacts_whenRoundTrippingThroughBytes_thenRestoredEqualsOriginal() {
        LifecycleFacts facts = facts(fact(FactKind.EXPOSURE, 0), fact(FactKind.VIEW, 1), order(3, "19.99"),
                FactEvent.refund(day(4), new BigDecimal("2.5")), fact(FactKind.MEMBERSHIP_JOINED, 5));

        LifecycleFacts restored = LifecycleFacts.fromBytes(facts.toBytes());

        assertThat(restored).isEqualTo(facts).hasSameHashCodeAs(facts);
        assertThat(restored.orderValue()).isEqualTo(new BigDecimal("19.99"));
    }

    @Test
    void givenEmptyAndFullestFacts_whenEncoding_thenSizesStayWithinTheDocumentedBounds() {
        LifecycleFacts fullest = LifecycleFacts.empty();
        for (FactKind kind : FactKind.values()) {
            for (int d = 0; d < 20; d++) {
                fullest = fullest.fold(new FactEvent(kind, day(1000 + d), new BigDecimal("123456.78")));
            }
        }

        assertThat(LifecycleFacts.empty().toBytes()).hasSize(16);
        assertThat(fullest.recentOrders().times()).hasSize(LifecycleFacts.ORDER_HISTORY);
        assertThat(fullest.visitDays().times()).hasSize(LifecycleFacts.VISIT_DAY_HISTORY);
        assertThat(fullest.toBytes().length).isLessThanOrEqualTo(450);
        assertThat(LifecycleFacts.fromBytes(fullest.toBytes())).isEqualTo(fullest);
    }

    @Test
    void givenCorruptBytes_whenDecoding_thenRejected() {
        byte[] bytes = facts(order(1, "1")).toBytes();

        assertThatThrownBy(() -> LifecycleFacts.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        bytes[0] = 9;
        assertThatThrownBy(() -> LifecycleFacts.fromBytes(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
    }

    @Test
    void givenNegativeAmount_whenCreatingFact_thenRejected() {
        assertThatThrownBy(() -> FactEvent.purchase(day(0), new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAmountOnNonMonetaryKind_whenCreatingFact_thenAmountIsZero() {
        assertThat(new FactEvent(FactKind.VIEW, day(0), BigDecimal.TEN).amount()).isEqualTo(BigDecimal.ZERO);
    }
}
