package io.tally.core.domain.segment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a compiled rule says it reads, so unaffected segments can be skipped and clock-bound ones recomputed. */
class RuleDependenciesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'trait': 'tier', 'eq': 'gold'}                                   | TRAITS",
            "{'stage': {'model': 'aipl', 'eq': 'P'}}                           | STAGE",
            "{'orders': {'withinDays': 90, 'gte': 1}}                          | ORDERS TIME",
            "{'gmv': {'withinDays': 365, 'gte': 200}}                          | ORDERS TIME",
            "{'daysSinceLastPurchase': {'gte': 90}}                            | ORDERS TIME",
            "{'clv': {'gte': 200}}                                             | CLV",
            "{'pAlive': {'lt': 0.3}}                                           | P_ALIVE",
            "{'channel': 'pos'}                                                | CHANNELS",
            "{'event': {'name': 'Product Viewed', 'withinDays': 30, 'gte': 3}} | EVENTS TIME",
            "{'consent': {'purpose': 'marketing', 'channel': 'sms'}}           | CONSENT",
            "{'sample': {'percent': 10, 'salt': 'exp-7'}}                      | ''",
    })
    void givenEachCondition_whenCompiled_thenDependsOnWhatItReads(String rule, String expected) {
        CompiledRule compiled = RuleCompiler.compile(TestJson.object(rule));

        assertThat(compiled.dependencies()).isEqualTo(dependencies(expected));
        assertThat(compiled.timeDependent()).isEqualTo(expected.contains("TIME"));
    }

    @Test
    void givenNestedRule_whenCompiled_thenDependsOnTheUnionOfItsParts() {
        CompiledRule rule = RuleCompiler.compile(TestJson.object("""
                {"all": [
                  {"trait": "interests", "contains": "tea"},
                  {"not": {"any": [
                    {"trait": "tier", "eq": "staff"},
                    {"event": {"name": "Order Refunded", "withinDays": 30, "gte": 1}}
                  ]}},
                  {"clv": {"gte": 200}},
                  {"consent": {"purpose": "marketing", "channel": "sms"}}
                ]}"""));

        assertThat(rule.dependencies()).containsExactly(Dependency.TRAITS, Dependency.EVENTS, Dependency.CLV,
                Dependency.CONSENT, Dependency.TIME);
        assertThat(rule.timeDependent()).isTrue();
        assertThat(rule.traitNames()).containsExactly("interests", "tier");
        assertThat(rule.eventNames()).containsExactly("Order Refunded");
    }

    @Test
    void givenRuleOfTraitsAndConsent_whenAskedAboutChanges_thenOnlyThoseInputsAffectIt() {
        CompiledRule rule = RuleCompiler.compile(TestJson.object(
                "{'all': [{'trait': 'tier', 'eq': 'gold'}, {'consent': {'purpose': 'marketing'}}]}"));

        assertThat(rule.timeDependent()).isFalse();
        assertThat(rule.dependsOnAny(EnumSet.of(Dependency.CONSENT))).isTrue();
        assertThat(rule.dependsOnAny(EnumSet.of(Dependency.EVENTS, Dependency.ORDERS, Dependency.TIME))).isFalse();
        assertThat(rule.dependsOnAny(Set.of())).isFalse();
    }

    @Test
    void givenSampleOnly_whenCompiled_thenDependsOnNothingSoMembershipNeverChanges() {
        CompiledRule rule = RuleCompiler.compile(TestJson.object("{'not': {'sample': {'percent': 5, 'salt': 'h'}}}"));

        assertThat(rule.dependencies()).isEmpty();
        assertThat(rule.dependsOnAny(EnumSet.allOf(Dependency.class))).isFalse();
    }

    private static Set<Dependency> dependencies(String names) {
        Set<Dependency> set = EnumSet.noneOf(Dependency.class);
        Arrays.stream(names.trim().split("\\s+")).filter(name -> !name.isEmpty())
                .forEach(name -> set.add(Dependency.valueOf(name)));
        return set;
    }
}
