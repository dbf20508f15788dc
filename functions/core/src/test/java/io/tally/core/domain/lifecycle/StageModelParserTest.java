package io.tally.core.domain.lifecycle;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tally.core.domain.lifecycle.LifecycleFixtures.at;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.day;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.fact;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.facts;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.mutableCopy;
import static io.tally.core.domain.lifecycle.LifecycleFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageModelParserTest {

    @Test
    void givenDefaultConfig_whenParsing_thenAiplAndDeeplinkWithStagesFromHighestToLowest() {
        StageModels models = StageModelParser.parse(LifecycleDefaults.config());

        assertThat(models.models()).extracting(StageModel::key).containsExactly("aipl", "deeplink");
        assertThat(models.model("aipl").orElseThrow().stages()).extracting(StageRule::code)
                .containsExactly("L", "P", "I", "A");
        assertThat(models.model("deeplink").orElseThrow().stages()).extracting(StageRule::code)
                .containsExactly("KEEP", "NURTURE", "INHERIT", "LEAD", "PERFORM", "ENTHUSE", "ENGAGE", "DISCOVER");
        assertThat(models).isEqualTo(StageModels.defaults());
    }

    @Test
    void givenParsedModels_whenRenderingBackToConfig_thenParsingThatGivesEqualModels() {
        StageModels models = StageModels.defaults();

        assertThat(StageModelParser.parse(models.toConfig())).isEqualTo(models);
    }

    @Test
    void givenJavaBuiltModel_whenComparedWithTheParsedEquivalent_thenEqual() {
        StageModel built = new StageModel("vip", "VIP", List.of(
                new StageRule("GOLD", "Gold", Condition.all(List.of(Condition.member(true),
                        Condition.lifetimeValueAtLeast(new BigDecimal("1000.00"))))),
                new StageRule("ACTIVE", null, Condition.interactionWithinDays(EnumSet.of(FactKind.VIEW), 14))));
        Map<String, Object> config = Map.of("models", Map.of("vip", Map.of("name", "VIP", "stages", List.of(
                Map.of("code", "GOLD", "name", "Gold", "when", Map.of("all", List.of(Map.of("member", true),
                        Map.of("lifetimeValueAtLeast", 1000)))),
                Map.of("code", "ACTIVE", "when", Map.of("interactionWithinDays",
                        Map.of("kinds", List.of("view"), "days", 14.0)))))));

        assertThat(StageModelParser.parse(config).model("vip")).contains(built);
    }

    @Test
    void givenBrandModelWithNotAndOrdersAtLeast_whenEvaluating_thenConditionsCombine() {
        Map<String, Object> config = Map.of("models", Map.of("winback", Map.of("stages", List.of(
                Map.of("code", "LAPSED", "when", Map.of("all", List.of(
                        Map.of("ordersAtLeast", 1),
                        Map.of("not", Map.of("lastPurchaseWithinDays", 90))))),
                Map.of("code", "ACTIVE", "when", Map.of("lastPurchaseWithinDays", 90))))));
        StageModel winback = StageModelParser.parse(config).model("winback").orElseThrow();
        LifecycleFacts facts = facts(order(0, "10"));

        assertThat(winback.evaluate(facts, day(1))).isEqualTo(new StageAssignment("ACTIVE", day(90)));
        assertThat(winback.evaluate(facts, day(90))).isEqualTo(new StageAssignment("LAPSED", null));
        assertThat(winback.evaluate(LifecycleFacts.empty(), day(90))).isEqualTo(StageAssignment.none());
    }

    @Test
    void givenBrandOverridesOneModel_whenParsingWithDefaults_thenOtherDefaultsStay() {
        Map<String, Object> config = Map.of("models", Map.of("aipl", Map.of("stages", List.of(
                Map.of("code", "A", "when", Map.of("exposureWithinDays", 7))))));

        StageModels models = StageModelParser.parseWithDefaults(config);

        assertThat(models.models()).extracting(StageModel::key).containsExactly("aipl", "deeplink");
        assertThat(models.model("aipl").orElseThrow().evaluate(facts(fact(FactKind.EXPOSURE, 0)), day(1)))
                .isEqualTo(new StageAssignment("A", day(7)));
        assertThat(models.model("deeplink")).isEqualTo(StageModels.defaults().model("deeplink"));
        assertThat(StageModelParser.parseWithDefaults(Map.of())).isSameAs(StageModels.defaults());
    }

    @Test
    void givenNonPositiveOrderWindow_whenParsing_thenErrorNamesTheExactPath() {
        Map<String, Object> config = mutableCopy(LifecycleDefaults.config());
        at(config, "models", "deeplink", "stages", 3, "when", "ordersWithinDays").put("days", 0);

        assertThatThrownBy(() -> StageModelParser.parse(config))
                .isInstanceOfSatisfying(InvalidStageModelException.class, e -> assertThat(e.errors()).containsExactly(
                        new ConfigError("models.deeplink.stages[3].when.ordersWithinDays.days",
                                "must be a positive integer")))
                .hasMessage("invalid stage models (1 error): "
                        + "models.deeplink.stages[3].when.ordersWithinDays.days: must be a positive integer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenManyMistakes_whenParsing_thenEveryErrorIsListedWithItsPath() {
        Map<String, Object> config = mutableCopy(LifecycleDefaults.config());
        List<Object> aiplStages = (List<Object>) at(config, "models", "aipl").get("stages");
        at(config, "models", "aipl", "stages", 0, "when", "any", 2, "interactionWithinDays")
                .put("kinds", List.of("share", "clik"));
        at(config, "models", "aipl", "stages", 1).put("code", "L");
        at(config, "models", "aipl", "stages", 2).remove("when");
        at(config, "models", "aipl", "stages", 3).put("wehn", Map.of());
        aiplStages.add("not a stage");
        Map<String, Object> deeplink = at(config, "models", "deeplink");
        at(deeplink, "stages", 0, "when", "all", 0).put("member", "yes");
        at(deeplink, "stages", 3, "when", "ordersWithinDays").put("min", 2);
        at(deeplink, "stages", 4, "when", "any", 1, "interactionWithinDays").put("days", 4000);
        at(deeplink, "stages", 5, "when").put("extra", Map.of("member", true));
        at(deeplink, "stages", 6).put("when", Map.of("everWithinDays", 3));
        at(deeplink, "stages", 7).put("code", "7th stage");
        at(deeplink, "stages", 2, "when", "ordersWithinDays").put("min", 1.5);
        at(config, "models").put("Custom Model", Map.of("stages", List.of()));

        assertThatThrownBy(() -> StageModelParser.parse(config))
                .isInstanceOfSatisfying(InvalidStageModelException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactlyInAnyOrder(
                                "models.aipl.stages[0].when.any[2].interactionWithinDays.kinds[1]: unknown fact kind "
                                        + "\"clik\"; expected one of " + FactKind.codes(),
                                "models.aipl.stages[1].code: duplicate stage code 'L' (also models.aipl.stages[0])",
                                "models.aipl.stages[2].when: is required",
                                "models.aipl.stages[3].wehn: unknown field; expected one of code, description, name, "
                                        + "when",
                                "models.aipl.stages[4]: must be an object",
                                "models.deeplink.stages[0].when.all[0].member: must be true or false",
                                "models.deeplink.stages[2].when.ordersWithinDays.min: must be a non-negative integer",
                                "models.deeplink.stages[3].when.ordersWithinDays.min: must not exceed max (1)",
                                "models.deeplink.stages[4].when.any[1].interactionWithinDays.days: must be at most 3650",
                                "models.deeplink.stages[5].when: must have exactly one condition (one of all, any, "
                                        + "not, exposureWithinDays, lastPurchaseWithinDays, interactionWithinDays, "
                                        + "ordersWithinDays, visitDaysWithinDays, member, lifetimeValueAtLeast, "
                                        + "ordersAtLeast), found any, extra",
                                "models.deeplink.stages[6].when.everWithinDays: unknown condition; expected one of "
                                        + "all, any, not, exposureWithinDays, lastPurchaseWithinDays, "
                                        + "interactionWithinDays, ordersWithinDays, visitDaysWithinDays, member, "
                                        + "lifetimeValueAtLeast, ordersAtLeast",
                                "models.deeplink.stages[7].code: must be 1-32 letters, digits, '_' or '-', starting "
                                        + "with a letter",
                                "models[\"Custom Model\"]: model key must be 1-32 lower-case letters, digits, '_' or "
                                        + "'-', starting with a letter",
                                "models[\"Custom Model\"].stages: must not be empty"));
    }

    @Test
    void givenWrongShapes_whenParsing_thenEachShapeErrorHasItsPath() {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("code", "X");
        stage.put("when", Map.of("all", List.of(
                Map.of("ordersWithinDays", Map.of("days", 30)),
                Map.of("visitDaysWithinDays", Map.of("days", 30, "min", 17)),
                Map.of("ordersWithinDays", Map.of("days", 30, "max", 16)),
                Map.of("lifetimeValueAtLeast", -1),
                Map.of("ordersAtLeast", 0),
                Map.of("any", List.of()),
                Map.of("not", "member"),
                Map.of("interactionWithinDays", Map.of("kinds", "view", "days", "30")),
                Map.of("exposureWithinDays", Double.NaN))));
        Map<String, Object> config = Map.of("models", Map.of("m", Map.of("stages", List.of(stage))));

        assertThatThrownBy(() -> StageModelParser.parse(config))
                .isInstanceOfSatisfying(InvalidStageModelException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly(
                                "models.m.stages[0].when.all[0].ordersWithinDays: needs min, max or both",
                                "models.m.stages[0].when.all[1].visitDaysWithinDays.min: must be at most 16",
                                "models.m.stages[0].when.all[2].ordersWithinDays.max: must be at most 15",
                                "models.m.stages[0].when.all[3].lifetimeValueAtLeast: must be a non-negative number",
                                "models.m.stages[0].when.all[4].ordersAtLeast: must be a positive integer",
                                "models.m.stages[0].when.all[5].any: must not be empty",
                                "models.m.stages[0].when.all[6].not: must be an object",
                                "models.m.stages[0].when.all[7].interactionWithinDays.kinds: must be an array",
                                "models.m.stages[0].when.all[7].interactionWithinDays.days: must be a positive integer",
                                "models.m.stages[0].when.all[8].exposureWithinDays: must be a positive integer"));
    }

    @Test
    void givenNoModels_whenParsing_thenModelsIsRequiredOrMustNotBeEmpty() {
        assertThatThrownBy(() -> StageModelParser.parse(Map.of()))
                .isInstanceOfSatisfying(InvalidStageModelException.class, e -> assertThat(e.errors())
                        .containsExactly(new ConfigError("models", "is required")));
        assertThatThrownBy(() -> StageModelParser.parse(Map.of("models", Map.of())))
                .isInstanceOfSatisfying(InvalidStageModelException.class, e -> assertThat(e.errors())
                        .containsExactly(new ConfigError("models", "must define at least one model")));
    }
}
