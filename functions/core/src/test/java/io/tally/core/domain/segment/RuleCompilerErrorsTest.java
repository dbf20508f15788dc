package io.tally.core.domain.segment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Invalid rules and segment definitions: every error is reported, each with its JSON path. */
class RuleCompilerErrorsTest {

    @Test
    void givenNonPositiveWindowDeepInARule_whenCompiling_thenNamesItsPath() {
        var errors = errorsOf("""
                {"all": [{"channel": "pos"}, {"clv": {"gte": 1}}, {"orders": {"withinDays": 0, "gte": 1}}]}""");

        assertThat(errors).containsExactly("rule.all[2].orders.withinDays: must be a positive integer");
    }

    @Test
    void givenSeveralErrors_whenCompiling_thenReportsEveryOneInReadingOrder() {
        var errors = errorsOf("""
                {"any": [
                  {"trait": "tier", "equals": "gold"},
                  {"clv": {"gtee": 200}},
                  {"event": {"name": "", "withinDays": 7.5, "gte": "3"}},
                  {"sample": {"percent": 120, "salt": "exp-7"}},
                  {"all": []}
                ]}""");

        assertThat(errors).containsExactly(
                "rule.any[0].equals: unknown operator 'equals'; allowed: eq, in, gt, gte, lt, lte, exists, contains",
                "rule.any[1].clv.gtee: unknown operator 'gtee'; allowed: eq, gt, gte, lt, lte",
                "rule.any[2].event.name: must be a non-empty string",
                "rule.any[2].event.withinDays: must be a positive integer",
                "rule.any[2].event.gte: must be a number",
                "rule.any[3].sample.percent: must be between 0 and 100",
                "rule.any[4].all: must be a non-empty array");
    }

    @Test
    void givenInvalidRule_whenCompiling_thenExceptionMessageListsEveryError() {
        var thrown = catchThrowableOfType(InvalidRuleException.class,
                () -> RuleCompiler.compile(TestJson.object("{'any': [{'channel': 5}, {'not': []}]}")));

        assertThat(thrown.getMessage())
                .isEqualTo("rule.any[0].channel: must be a non-empty string; rule.any[1].not: must be an object");
        assertThat(thrown.errors()).extracting(RuleError::path)
                .containsExactly("rule.any[0].channel", "rule.any[1].not");
    }

    @Test
    void givenUnknownOrMissingCondition_whenCompiling_thenSaysWhichAreAllowed() {
        String allowed = "allowed: all, any, not, trait, stage, orders, gmv, daysSinceLastPurchase, clv, pAlive, "
                + "channel, event, consent, sample";

        assertThat(errorsOf("{'segment': 'vip'}"))
                .containsExactly("rule.segment: unknown condition 'segment'; " + allowed);
        assertThat(errorsOf("{}")).containsExactly("rule: must hold a condition; " + allowed);
        assertThat(errorsOf("{'any': [{'eq': 'gold'}]}"))
                .containsExactly("rule.any[0].eq: unknown condition 'eq'; " + allowed);
    }

    @Test
    void givenTwoConditionsInOneObject_whenCompiling_thenAsksToCombineThem() {
        assertThat(errorsOf("{'channel': 'pos', 'clv': {'gt': 1}}"))
                .containsExactly("rule: holds more than one condition (channel, clv); combine them with all or any");
    }

    @Test
    void givenExtraKeyBesideACondition_whenCompiling_thenRejectsTheKey() {
        assertThat(errorsOf("{'channel': 'pos', 'eq': 'x'}")).containsExactly("rule.eq: unexpected beside 'channel'");
    }

    @Test
    void givenWrongTypes_whenCompiling_thenNamesTheExpectedType() {
        assertThat(errorsOf("{'all': 'x'}")).containsExactly("rule.all: must be a non-empty array");
        assertThat(errorsOf("{'any': [1]}")).containsExactly("rule.any[0]: must be an object");
        assertThat(errorsOf("{'trait': 3, 'eq': 'x'}")).containsExactly("rule.trait: must be a non-empty string");
        assertThat(errorsOf("{'trait': 't', 'eq': [1]}"))
                .containsExactly("rule.eq: must be a string, number or boolean");
        assertThat(errorsOf("{'trait': 't', 'in': []}")).containsExactly("rule.in: must be a non-empty array");
        assertThat(errorsOf("{'trait': 't', 'in': ['a', null, {}]}")).containsExactly(
                "rule.in[1]: must be a string, number or boolean", "rule.in[2]: must be a string, number or boolean");
        assertThat(errorsOf("{'trait': 't', 'gt': '5'}")).containsExactly("rule.gt: must be a number");
        assertThat(errorsOf("{'trait': 't', 'exists': 'yes'}")).containsExactly("rule.exists: must be a boolean");
        assertThat(errorsOf("{'trait': 't', 'contains': ''}"))
                .containsExactly("rule.contains: must be a non-empty string");
        assertThat(errorsOf("{'clv': 200}")).containsExactly("rule.clv: must be an object");
        assertThat(errorsOf("{'pAlive': {'lt': true}}")).containsExactly("rule.pAlive.lt: must be a number");
        assertThat(errorsOf("{'sample': {'percent': '10', 'salt': 'x'}}"))
                .containsExactly("rule.sample.percent: must be a number");
    }

    @Test
    void givenTraitWithoutOperator_whenCompiling_thenAsksForOne() {
        assertThat(errorsOf("{'trait': 'tier'}"))
                .containsExactly("rule: a trait condition needs an operator; "
                        + "allowed: eq, in, gt, gte, lt, lte, exists, contains");
    }

    @Test
    void givenFactWithoutComparison_whenCompiling_thenAsksForOne() {
        assertThat(errorsOf("{'orders': {'withinDays': 30}}"))
                .containsExactly("rule.orders: needs a comparison; allowed: eq, gt, gte, lt, lte");
        assertThat(errorsOf("{'daysSinceLastPurchase': {}}"))
                .containsExactly("rule.daysSinceLastPurchase: needs a comparison; allowed: eq, gt, gte, lt, lte");
    }

    @Test
    void givenMissingRequiredFields_whenCompiling_thenEachIsRequired() {
        assertThat(errorsOf("{'gmv': {'gte': 200}}")).containsExactly("rule.gmv.withinDays: is required");
        assertThat(errorsOf("{'event': {'gte': 1}}"))
                .containsExactly("rule.event.name: is required", "rule.event.withinDays: is required");
        assertThat(errorsOf("{'stage': {'in': ['P']}}")).containsExactly("rule.stage.model: is required");
        assertThat(errorsOf("{'stage': {'model': 'aipl'}}")).containsExactly("rule.stage: needs eq or in");
        assertThat(errorsOf("{'consent': {'channel': 'sms'}}")).containsExactly("rule.consent.purpose: is required");
        assertThat(errorsOf("{'sample': {}}"))
                .containsExactly("rule.sample.salt: is required", "rule.sample.percent: is required");
    }

    @Test
    void givenUnknownKeysInsideConditions_whenCompiling_thenListsWhatIsAllowed() {
        assertThat(errorsOf("{'orders': {'within': 30, 'gte': 1}}")).containsExactly(
                "rule.orders.withinDays: is required",
                "rule.orders.within: unknown operator 'within'; allowed: withinDays, eq, gt, gte, lt, lte");
        assertThat(errorsOf("{'stage': {'model': 'aipl', 'not': 'P', 'eq': 'A'}}"))
                .containsExactly("rule.stage.not: unknown operator 'not'; allowed: model, eq, in");
        assertThat(errorsOf("{'consent': {'purpose': 'marketing', 'granted': true}}"))
                .containsExactly("rule.consent.granted: unknown key 'granted'; allowed: purpose, channel");
        assertThat(errorsOf("{'sample': {'percent': 5, 'salt': 'a', 'seed': 1}}"))
                .containsExactly("rule.sample.seed: unknown key 'seed'; allowed: percent, salt");
    }

    @Test
    void givenWindowThatIsNotAPositiveInteger_whenCompiling_thenRejectsIt() {
        for (String days : List.of("-1", "0", "1.5", "'30'", "3000000000", "true")) {
            assertThat(errorsOf("{'orders': {'withinDays': " + days + ", 'gte': 1}}")).as(days)
                    .containsExactly("rule.orders.withinDays: must be a positive integer");
        }
        assertThat(errorsOf("{'orders': {'withinDays': 30.0, 'gte': 1}}")).isEmpty();
    }

    @Test
    void givenPercentOutsideZeroToHundred_whenCompiling_thenRejectsIt() {
        assertThat(errorsOf("{'sample': {'percent': -0.5, 'salt': 'x'}}"))
                .containsExactly("rule.sample.percent: must be between 0 and 100");
        assertThat(errorsOf("{'sample': {'percent': 100.01, 'salt': 'x'}}"))
                .containsExactly("rule.sample.percent: must be between 0 and 100");
        assertThat(errorsOf("{'sample': {'percent': 0, 'salt': 'x'}}")).isEmpty();
        assertThat(errorsOf("{'sample': {'percent': 100, 'salt': 'x'}}")).isEmpty();
        assertThat(errorsOf("{'sample': {'percent': 0.5, 'salt': 'x'}}")).isEmpty();
    }

    @Test
    void givenNestingDeeperThanTheLimit_whenCompiling_thenRejectsTheTooDeepNode() {
        String deepest = "{'channel': 'pos'}";
        String rule = deepest;
        for (int depth = 1; depth < RuleCompiler.MAX_DEPTH; depth++) {
            rule = "{'not': " + rule + "}";
        }
        assertThat(errorsOf(rule)).isEmpty();

        var errors = errorsOf("{'not': " + rule + "}");

        assertThat(errors).singleElement().asString()
                .startsWith("rule" + ".not".repeat(RuleCompiler.MAX_DEPTH))
                .endsWith(": nests deeper than 32 levels");
    }

    @Test
    void givenInvalidSegmentDefinition_whenCompiling_thenReportsFieldAndRuleErrorsTogether() {
        var thrown = catchThrowableOfType(InvalidRuleException.class, () -> RuleCompiler.compileSegment(
                TestJson.object("{'id': 'tea lovers', 'name': ' ', 'description': 5, 'owner': 'x', "
                        + "'rule': {'clv': {'gte': 'high'}}}")));

        assertThat(thrown.errors()).map(RuleError::toString).containsExactly(
                "id: must be 1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit",
                "name: must be a non-blank string of at most 200 characters",
                "description: must be a string of at most 2000 characters",
                "owner: unknown key 'owner'; allowed: id, name, description, rule",
                "rule.clv.gte: must be a number");
    }

    @Test
    void givenSegmentDefinitionWithoutFields_whenCompiling_thenEachIsRequired() {
        var thrown = catchThrowableOfType(InvalidRuleException.class, () -> RuleCompiler.compileSegment(Map.of()));

        assertThat(thrown.errors()).map(RuleError::toString)
                .containsExactly("id: is required", "name: is required", "rule: is required");
    }

    private static List<String> errorsOf(String json) {
        try {
            RuleCompiler.compile(TestJson.object(json));
            return List.of();
        } catch (InvalidRuleException e) {
            return e.errors().stream().map(RuleError::toString).toList();
        }
    }
}
