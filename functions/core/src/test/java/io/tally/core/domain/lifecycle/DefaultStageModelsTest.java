package io.tally.core.domain.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.tally.core.domain.lifecycle.LifecycleFixtures.T0;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.day;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.fact;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.facts;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

/** The built-in AIPL and DEEPLINK models over consumer journeys, on a controlled clock. */
class DefaultStageModelsTest {

    private static final StageModel AIPL = StageModels.defaults().model("aipl").orElseThrow();
    private static final StageModel DEEPLINK = StageModels.defaults().model("deeplink").orElseThrow();
    private static final EventMapping MAPPING = EventMapping.defaults();

    /** Exposure → view → cart → order → repeat order → silence, as Segment calls at 10:00 on each day. */
    private static final List<Call> JOURNEY = List.of(
            new Call(0, "track", "Ad Impression", Map.of()),
            new Call(2, "track", "Product Viewed", Map.of("product_id", "p1")),
            new Call(5, "track", "Product Added", Map.of("product_id", "p1", "price", 60)),
            new Call(14, "track", "Order Completed", Map.of("order_id", "o1", "revenue", 120)),
            new Call(44, "track", "Order Completed", Map.of("order_id", "o2", "revenue", 80.5)));

    private record Call(long day, String type, String event, Map<String, Object> properties) {
    }

    @ParameterizedTest(name = "day {0}: AIPL {1} until day {2}, DEEPLINK {3} until day {4}")
    @CsvSource(nullValues = "-", value = {
            "0,   A, 30,   DISCOVER, 30",
            "1,   A, 30,   DISCOVER, 30",
            "2,   I, 32,   ENGAGE,   32",
            "4,   I, 32,   ENGAGE,   32",
            "5,   I, 35,   PERFORM,  12",
            "11,  I, 35,   PERFORM,  12",
            "12,  I, 35,   ENTHUSE,  35",
            "13,  I, 35,   ENTHUSE,  35",
            "14,  P, 379,  LEAD,     379",
            "43,  P, 379,  LEAD,     379",
            "44,  L, 379,  INHERIT,  379",
            "200, L, 379,  INHERIT,  379",
            "378, L, 379,  INHERIT,  379",
            "379, P, 409,  LEAD,     409",
            "408, P, 409,  LEAD,     409",
            "409, -, -,    -,        -",
            "900, -, -,    -,        -"})
    void givenExposureViewCartOrderRepeatOrderThenSilence_whenEvaluatingEachDay_thenBothModelsFollowTheJourney(
            long day, String aipl, Long aiplExpiresDay, String deeplink, Long deeplinkExpiresDay) {
        Instant now = day(day).plus(Duration.ofHours(1));
        LifecycleFacts facts = factsKnownAt(now);

        assertThat(AIPL.evaluate(facts, now)).isEqualTo(new StageAssignment(aipl, dayOrNull(aiplExpiresDay)));
        assertThat(DEEPLINK.evaluate(facts, now))
                .isEqualTo(new StageAssignment(deeplink, dayOrNull(deeplinkExpiresDay)));
    }

    @Test
    void givenJourney_whenFolded_thenFactsHoldTheOrdersAndTheirValue() {
        LifecycleFacts facts = factsKnownAt(day(1000));

        assertThat(facts.orderCount()).isEqualTo(2);
        assertThat(facts.lifetimeValue()).isEqualByComparingTo("200.5");
        assertThat(facts.firstPurchaseAt()).isEqualTo(day(14));
        assertThat(facts.lastPurchaseAt()).isEqualTo(day(44));
        assertThat(facts.lastExposureAt()).isEqualTo(day(0));
    }

    @Test
    void givenOnlyAnExposureOnDayZero_whenEvaluatingAroundDayThirty_thenAwarenessUntilExactlyDayThirtyThenNone() {
        LifecycleFacts facts = facts(fact(FactKind.EXPOSURE, 0));
        Instant end = day(30);

        assertThat(AIPL.evaluate(facts, T0)).isEqualTo(new StageAssignment("A", end));
        assertThat(AIPL.evaluate(facts, end.minusNanos(1))).isEqualTo(new StageAssignment("A", end));
        assertThat(AIPL.evaluate(facts, end)).isEqualTo(StageAssignment.none());
        assertThat(DEEPLINK.evaluate(facts, end.minusMillis(1))).isEqualTo(new StageAssignment("DISCOVER", end));
        assertThat(DEEPLINK.evaluate(facts, end)).isEqualTo(StageAssignment.none());
        assertThat(AIPL.evaluate(facts, T0).isExpiredAt(end.minusMillis(1))).isFalse();
        assertThat(AIPL.evaluate(facts, T0).isExpiredAt(end)).isTrue();
    }

    @Test
    void givenNoFacts_whenEvaluating_thenNoStageThatNeverExpires() {
        assertThat(StageModels.defaults().evaluate(LifecycleFacts.empty(), T0))
                .containsExactly(Map.entry("aipl", StageAssignment.none()), Map.entry("deeplink", StageAssignment.none()));
    }

    @Test
    void givenViewsOnThreeDistinctDays_whenEvaluating_thenEnthuseUntilTheThirdMostRecentVisitDayLeavesTheWindow() {
        LifecycleFacts facts = facts(fact(FactKind.VIEW, 0), fact(FactKind.SEARCH, 3), fact(FactKind.CLICK, 6));

        assertThat(DEEPLINK.evaluate(facts, day(6))).isEqualTo(new StageAssignment("ENTHUSE", day(30)));
        assertThat(DEEPLINK.evaluate(facts, day(30))).isEqualTo(new StageAssignment("ENGAGE", day(36)));
    }

    @Test
    void givenThreeViewsOnOneDay_whenEvaluating_thenOnlyEngageBecauseThatIsOneVisitDay() {
        LifecycleFacts facts = facts(fact(FactKind.VIEW, 0), FactEvent.of(FactKind.VIEW, day(0).plusSeconds(60)),
                FactEvent.of(FactKind.VIEW, day(0).plusSeconds(120)));

        assertThat(DEEPLINK.evaluate(facts, day(1)).stageCode()).isEqualTo("ENGAGE");
    }

    @Test
    void givenMemberWithoutOrders_whenEvaluating_thenLoyalInAiplAndNurtureInDeeplink() {
        LifecycleFacts facts = facts(fact(FactKind.MEMBERSHIP_JOINED, 0));

        assertThat(AIPL.evaluate(facts, day(500))).isEqualTo(new StageAssignment("L", null));
        assertThat(DEEPLINK.evaluate(facts, day(500))).isEqualTo(new StageAssignment("NURTURE", null));
    }

    @Test
    void givenMemberWithRepeatOrders_whenEvaluating_thenKeepUntilTheRepeatWindowEndsThenNurture() {
        LifecycleFacts facts = facts(fact(FactKind.MEMBERSHIP_JOINED, 0), order(1, "20"), order(3, "20"));

        assertThat(DEEPLINK.evaluate(facts, day(3))).isEqualTo(new StageAssignment("KEEP", day(366)));
        assertThat(DEEPLINK.evaluate(facts, day(366))).isEqualTo(new StageAssignment("NURTURE", null));
    }

    @Test
    void givenMemberWithHighLifetimeValue_whenEvaluatingYearsLater_thenKeepForEver() {
        LifecycleFacts facts = facts(fact(FactKind.MEMBERSHIP_JOINED, 0), order(1, "500.00"));

        assertThat(DEEPLINK.evaluate(facts, day(2000))).isEqualTo(new StageAssignment("KEEP", null));
    }

    @Test
    void givenMemberWhoseValueIsRefundedBelowTheThreshold_whenEvaluating_thenNurture() {
        LifecycleFacts facts = facts(fact(FactKind.MEMBERSHIP_JOINED, 0), order(1, "500"),
                FactEvent.refund(day(2), new BigDecimal("0.01")));

        assertThat(DEEPLINK.evaluate(facts, day(400)).stageCode()).isEqualTo("NURTURE");
    }

    @Test
    void givenMemberWhoShared_whenEvaluating_thenKeepUntilTheShareIsAYearOld() {
        LifecycleFacts facts = facts(fact(FactKind.MEMBERSHIP_JOINED, 0), fact(FactKind.SHARE, 10));

        assertThat(DEEPLINK.evaluate(facts, day(10))).isEqualTo(new StageAssignment("KEEP", day(375)));
    }

    @Test
    void givenMemberWhoLeft_whenEvaluating_thenNotAMemberAnyMore() {
        LifecycleFacts facts = facts(fact(FactKind.MEMBERSHIP_JOINED, 0), fact(FactKind.MEMBERSHIP_LEFT, 5));

        assertThat(AIPL.evaluate(facts, day(6))).isEqualTo(StageAssignment.none());
        assertThat(DEEPLINK.evaluate(facts, day(6))).isEqualTo(StageAssignment.none());
    }

    @Test
    void givenPositiveReviewWithoutMembership_whenEvaluating_thenLoyalInAiplForAYear() {
        LifecycleFacts facts = facts(fact(FactKind.REVIEW_POSITIVE, 0));

        assertThat(AIPL.evaluate(facts, day(1))).isEqualTo(new StageAssignment("L", day(365)));
        assertThat(DEEPLINK.evaluate(facts, day(1))).isEqualTo(StageAssignment.none());
    }

    @Test
    void givenPresaleDeposit_whenEvaluating_thenPerformForThirtyDays() {
        LifecycleFacts facts = facts(fact(FactKind.PRESALE_DEPOSIT, 0));

        assertThat(DEEPLINK.evaluate(facts, day(29))).isEqualTo(new StageAssignment("PERFORM", day(30)));
        assertThat(AIPL.evaluate(facts, day(29))).isEqualTo(new StageAssignment("I", day(30)));
    }

    @Test
    void givenOldAndRecentOrders_whenEvaluating_thenOnlyOrdersInsideTheYearCount() {
        LifecycleFacts facts = facts(order(0, "10"), order(1, "10"), order(400, "10"));

        assertThat(DEEPLINK.evaluate(facts, day(400)).stageCode()).isEqualTo("LEAD");
        assertThat(facts.ordersWithinDays(day(400), 365)).isEqualTo(1);
        assertThat(facts.ordersWithinDays(day(400), 400)).isEqualTo(2);
    }

    @Test
    void givenOrderTimestampedAfterTheEvaluationTime_whenEvaluating_thenItCountsAsInsideTheWindow() {
        LifecycleFacts facts = facts(order(10, "10"));

        assertThat(AIPL.evaluate(facts, day(0))).isEqualTo(new StageAssignment("P", day(375)));
    }

    private static LifecycleFacts factsKnownAt(Instant now) {
        LifecycleFacts facts = LifecycleFacts.empty();
        for (Call call : JOURNEY) {
            Instant at = day(call.day());
            if (!at.isAfter(now)) {
                facts = facts.foldAll(MAPPING.map(call.type(), call.event(), call.properties(), Map.of(), at));
            }
        }
        return facts;
    }

    private static Instant dayOrNull(Long day) {
        return day == null ? null : day(day);
    }
}
