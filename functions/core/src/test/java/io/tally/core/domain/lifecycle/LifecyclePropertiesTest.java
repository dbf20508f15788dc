package io.tally.core.domain.lifecycle;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.tally.core.domain.lifecycle.LifecycleFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Order independence, merging, storage and expiry of lifecycle facts and stages, for arbitrary histories. */
class LifecyclePropertiesTest {

    private static final StageModels MODELS = StageModels.defaults();

    @Property
    void givenAnyPermutationOfTheSameEvents_whenFolding_thenSameFactsAndSameStages(
            @ForAll("histories") List<FactEvent> events, @ForAll Random random, @ForAll("evaluationTimes") Instant now) {
        List<FactEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);

        LifecycleFacts inOrder = LifecycleFacts.empty().foldAll(events);
        LifecycleFacts inAnyOrder = LifecycleFacts.empty().foldAll(shuffled);

        assertThat(inAnyOrder).isEqualTo(inOrder);
        assertThat(MODELS.evaluate(inAnyOrder, now)).isEqualTo(MODELS.evaluate(inOrder, now));
    }

    @Property
    void givenEventsSplitBetweenTwoConsumers_whenMergingTheirFacts_thenEqualsFoldingAllEventsEitherWay(
            @ForAll("histories") List<FactEvent> events, @ForAll @IntRange(max = 60) int split) {
        int at = Math.min(split, events.size());
        LifecycleFacts first = LifecycleFacts.empty().foldAll(events.subList(0, at));
        LifecycleFacts second = LifecycleFacts.empty().foldAll(events.subList(at, events.size()));

        LifecycleFacts all = LifecycleFacts.empty().foldAll(events);

        assertThat(first.merge(second)).isEqualTo(all);
        assertThat(second.merge(first)).isEqualTo(all);
        assertThat(all.merge(LifecycleFacts.empty())).isEqualTo(all);
    }

    @Property
    void givenAnyFacts_whenRoundTrippingThroughBytes_thenRestoredEqualsOriginal(
            @ForAll("histories") List<FactEvent> events) {
        LifecycleFacts facts = LifecycleFacts.empty().foldAll(events);

        byte[] bytes = facts.toBytes();

        assertThat(LifecycleFacts.fromBytes(bytes)).isEqualTo(facts);
        assertThat(bytes.length).isLessThanOrEqualTo(450);
    }

    @Property
    void givenAnyFactsAndTime_whenEvaluating_thenStageHoldsUntilItsExpiry(
            @ForAll("histories") List<FactEvent> events, @ForAll("evaluationTimes") Instant now,
            @ForAll @IntRange(min = 1, max = 999) int permille) {
        LifecycleFacts facts = LifecycleFacts.empty().foldAll(events);

        for (StageModel model : MODELS.models()) {
            StageAssignment assignment = model.evaluate(facts, now);
            Instant later = assignment.expiresAt() == null ? now.plus(Duration.ofDays(5000))
                    : now.plusMillis((assignment.expiresAt().toEpochMilli() - now.toEpochMilli()) * permille / 1000);
            Instant lastBeforeExpiry = assignment.expiresAt() == null ? later : assignment.expiresAt().minusMillis(1);

            assertThat(assignment.expiresAt()).satisfiesAnyOf(e -> assertThat(e).isNull(), e -> assertThat(e).isAfter(now));
            assertThat(model.evaluate(facts, later).stageCode()).isEqualTo(assignment.stageCode());
            assertThat(model.evaluate(facts, lastBeforeExpiry).stageCode()).isEqualTo(assignment.stageCode());
        }
    }

    @Property
    void givenDefaultModels_whenEvaluatingAtTheExpiry_thenTheStageHasChanged(
            @ForAll("histories") List<FactEvent> events, @ForAll("evaluationTimes") Instant now) {
        LifecycleFacts facts = LifecycleFacts.empty().foldAll(events);

        for (StageModel model : MODELS.models()) {
            StageAssignment assignment = model.evaluate(facts, now);
            if (assignment.expiresAt() != null) {
                assertThat(model.evaluate(facts, assignment.expiresAt()).stageCode())
                        .isNotEqualTo(assignment.stageCode());
            }
        }
    }

    @Property
    void givenAnySegmentCalls_whenMappingThenFoldingInAnyOrder_thenSameFacts(
            @ForAll("segmentCalls") List<Map<String, Object>> calls, @ForAll Random random) {
        List<Map<String, Object>> shuffled = new ArrayList<>(calls);
        Collections.shuffle(shuffled, random);

        assertThat(foldCalls(shuffled)).isEqualTo(foldCalls(calls));
    }

    @Provide
    Arbitrary<List<FactEvent>> histories() {
        Arbitrary<FactKind> kinds = Arbitraries.of(FactKind.class);
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 500L * 24).map(h -> T0.plus(Duration.ofHours(h)));
        Arbitrary<BigDecimal> amounts = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("999"))
                .ofScale(2);
        return Combinators.combine(kinds, times, amounts).as(FactEvent::new).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<Instant> evaluationTimes() {
        return Arbitraries.longs().between(0, 1000L * 24 * 60).map(m -> T0.plus(Duration.ofMinutes(m)));
    }

    @Provide
    Arbitrary<List<Map<String, Object>>> segmentCalls() {
        Arbitrary<String> names = Arbitraries.of("Product Viewed", "Product Added", "Order Completed",
                "Order Refunded", "Product Reviewed", "Ad Impression", "Member Joined", "Unknown");
        Arbitrary<Map<String, Object>> track = Combinators.combine(names,
                        Arbitraries.integers().between(1, 5), Arbitraries.longs().between(0, 400))
                .as((name, number, day) -> Map.of("type", "track", "event", name, "day", day,
                        "properties", Map.of("revenue", number * 10.5, "rating", number)));
        Arbitrary<Map<String, Object>> identify = Combinators.combine(Arbitraries.of(true, false),
                        Arbitraries.longs().between(0, 400))
                .as((member, day) -> Map.of("type", "identify", "day", day, "traits", Map.of("member", member)));
        return Arbitraries.oneOf(track, track, identify).list().ofMaxSize(30);
    }

    @SuppressWarnings("unchecked")
    private static LifecycleFacts foldCalls(List<Map<String, Object>> calls) {
        LifecycleFacts facts = LifecycleFacts.empty();
        for (Map<String, Object> call : calls) {
            facts = facts.foldAll(EventMapping.defaults().map((String) call.get("type"), (String) call.get("event"),
                    (Map<String, Object>) call.get("properties"), (Map<String, Object>) call.get("traits"),
                    T0.plus(Duration.ofDays((Long) call.get("day")))));
        }
        return facts;
    }
}
