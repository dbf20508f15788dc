package io.tally.core.domain.segment;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Segment definitions: read from JSON, compiled, stored and compiled again. */
class CompiledSegmentTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void givenValidDefinition_whenCompiling_thenKeepsItsFieldsAndMatchesByItsRule() {
        CompiledSegment segment = RuleCompiler.compileSegment(TestJson.object("""
                {"id": "gold-pos", "name": "Gold members seen in store", "description": "for the store event",
                 "rule": {"all": [{"trait": "tier", "eq": "gold"}, {"channel": "pos"}]}}"""));

        assertThat(segment.id()).isEqualTo("gold-pos");
        assertThat(segment.definition().name()).isEqualTo("Gold members seen in store");
        assertThat(segment.definition().description()).isEqualTo("for the store event");
        assertThat(segment.rule().dependencies()).containsExactly(Dependency.TRAITS, Dependency.CHANNELS);
        assertThat(segment.matches(SubjectSnapshot.builder("c-1").trait("tier", "gold").channel("pos").build(), NOW))
                .isTrue();
        assertThat(segment.matches(SubjectSnapshot.builder("c-2").trait("tier", "gold").build(), NOW)).isFalse();
    }

    @Test
    void givenStoredDefinition_whenWrittenAsJsonAndCompiledAgain_thenSameDefinition() {
        CompiledSegment first = RuleCompiler.compileSegment(TestJson.object(
                "{'id': 'vip', 'name': 'VIP', 'rule': {'clv': {'gte': 1000}}}"));

        CompiledSegment again = RuleCompiler.compile(first.definition());

        assertThat(first.definition().toJson()).doesNotContainKey("description");
        assertThat(again.definition()).isEqualTo(first.definition());
        assertThat(again.matches(SubjectSnapshot.builder("c-1").clv(1200).build(), NOW)).isTrue();
    }

    @Test
    void givenDefinitionBuiltFromAMutableRule_whenTheRuleChangesAfterwards_thenTheDefinitionDoesNot() {
        var rule = TestJson.object("{'channel': 'pos'}");
        SegmentDefinition definition = new SegmentDefinition("pos", "POS", null, rule);

        rule.put("channel", "web");

        assertThat(definition.rule()).containsEntry("channel", "pos");
    }
}
