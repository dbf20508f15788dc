package io.tally.core.domain.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.tally.core.domain.lifecycle.LifecycleFixtures.day;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.fact;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.facts;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageTransitionTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 15);

    @Test
    void givenSameStageBeforeAndAfter_whenComparing_thenNoTransition() {
        assertThat(StageTransition.between("aipl", new StageAssignment("A", day(30)), new StageAssignment("A", day(31)),
                DAY, "web")).isEmpty();
        assertThat(StageTransition.between("aipl", StageAssignment.none(), null, DAY, "web")).isEmpty();
    }

    @Test
    void givenDifferentStages_whenComparing_thenTransitionFromOldToNew() {
        assertThat(StageTransition.between("aipl", new StageAssignment("I", day(30)), new StageAssignment("P", day(365)),
                DAY, "pos")).contains(new StageTransition("aipl", "I", "P", DAY, "pos"));
        assertThat(StageTransition.between("aipl", null, new StageAssignment("A", day(30)), DAY, "web"))
                .contains(new StageTransition("aipl", null, "A", DAY, "web"));
    }

    @Test
    void givenAnOrderFoldedIntoAProfile_whenComparingAllModels_thenOneTransitionPerModelThatChanged() {
        LifecycleFacts before = facts(fact(FactKind.VIEW, 0));
        LifecycleFacts after = before.fold(order(1, "10"));

        var transitions = StageTransition.between(StageModels.defaults().evaluate(before, day(1)),
                StageModels.defaults().evaluate(after, day(1)), DAY, "app");

        assertThat(transitions).containsExactly(new StageTransition("aipl", "I", "P", DAY, "app"),
                new StageTransition("deeplink", "ENGAGE", "LEAD", DAY, "app"));
    }

    @Test
    void givenWindowRunsOut_whenReevaluatingAtExpiry_thenExitTransitionOnTheExpiryChannel() {
        LifecycleFacts facts = facts(fact(FactKind.EXPOSURE, 0));
        Map<String, StageAssignment> before = StageModels.defaults().evaluate(facts, day(0));

        Map<String, StageAssignment> after = StageModels.defaults().evaluate(facts,
                StageModels.earliestExpiry(before));

        assertThat(StageModels.earliestExpiry(before)).isEqualTo(day(30));
        assertThat(StageTransition.between(before, after, DAY, StageTransition.EXPIRY)).containsExactly(
                new StageTransition("aipl", "A", null, DAY, "expiry"),
                new StageTransition("deeplink", "DISCOVER", null, DAY, "expiry"));
    }

    @Test
    void givenModelOnlyOnOneSide_whenComparingAllModels_thenItCountsAsNoStageOnTheOther() {
        Map<String, StageAssignment> after = new LinkedHashMap<>();
        after.put("vip", new StageAssignment("GOLD", null));

        assertThat(StageTransition.between(Map.of(), after, DAY, "web"))
                .containsExactly(new StageTransition("vip", null, "GOLD", DAY, "web"));
    }

    @Test
    void givenSameFromAndTo_whenCreatingTransition_thenRejected() {
        assertThatThrownBy(() -> new StageTransition("aipl", "A", "A", DAY, "web"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
