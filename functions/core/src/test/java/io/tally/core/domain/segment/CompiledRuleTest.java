package io.tally.core.domain.segment;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each operator of the rule language, evaluated compiled; every case is checked against the interpreter too. */
class CompiledRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final TreeWalkingInterpreter interpreter = new TreeWalkingInterpreter();

    @Test
    void givenStringEq_whenMatching_thenMatchesOnlyThatExactValue() {
        String rule = "{'trait': 'tier', 'eq': 'gold'}";

        assertThat(matches(rule, consumer().trait("tier", "gold"))).isTrue();
        assertThat(matches(rule, consumer().trait("tier", "Gold"))).isFalse();
        assertThat(matches(rule, consumer().trait("tier", "silver"))).isFalse();
        assertThat(matches(rule, consumer())).isFalse();
    }

    @Test
    void givenNumericEq_whenTraitIsAnyNumberType_thenComparesNumbersNotText() {
        String rule = "{'trait': 'children', 'eq': 2}";

        assertThat(matches(rule, consumer().trait("children", 2))).isTrue();
        assertThat(matches(rule, consumer().trait("children", 2.0))).isTrue();
        assertThat(matches(rule, consumer().trait("children", 2L))).isTrue();
        assertThat(matches(rule, consumer().trait("children", "2"))).isFalse();
    }

    @Test
    void givenBooleanEq_whenMatching_thenOnlyThatBooleanMatches() {
        String rule = "{'trait': 'loyaltyMember', 'eq': true}";

        assertThat(matches(rule, consumer().trait("loyaltyMember", true))).isTrue();
        assertThat(matches(rule, consumer().trait("loyaltyMember", false))).isFalse();
        assertThat(matches(rule, consumer().trait("loyaltyMember", "true"))).isFalse();
    }

    @Test
    void givenIn_whenTraitEqualsAnyOperandOfAnyType_thenMatches() {
        String rule = "{'trait': 'city', 'in': ['Shanghai', 'Hangzhou', 7, false]}";

        assertThat(matches(rule, consumer().trait("city", "Hangzhou"))).isTrue();
        assertThat(matches(rule, consumer().trait("city", 7.0))).isTrue();
        assertThat(matches(rule, consumer().trait("city", false))).isTrue();
        assertThat(matches(rule, consumer().trait("city", true))).isFalse();
        assertThat(matches(rule, consumer().trait("city", "Beijing"))).isFalse();
        assertThat(matches(rule, consumer().trait("city", List.of("Shanghai")))).isFalse();
    }

    @Test
    void givenInWithManyValues_whenMatching_thenMatchesEachListedValueOnly() {
        String rule = "{'trait': 'zip', 'in': ['200001', '200002', '200003', '200004', '200005', '200006', "
                + "'200007', '200008', '200009', '200010']}";

        assertThat(matches(rule, consumer().trait("zip", "200001"))).isTrue();
        assertThat(matches(rule, consumer().trait("zip", "200010"))).isTrue();
        assertThat(matches(rule, consumer().trait("zip", "200011"))).isFalse();
    }

    @Test
    void givenEachComparison_whenValueOnTheBoundary_thenInclusiveOnlyForGteAndLte() {
        assertThat(matches("{'trait': 'age', 'gt': 30}", consumer().trait("age", 30))).isFalse();
        assertThat(matches("{'trait': 'age', 'gt': 30}", consumer().trait("age", 30.5))).isTrue();
        assertThat(matches("{'trait': 'age', 'gte': 30}", consumer().trait("age", 30))).isTrue();
        assertThat(matches("{'trait': 'age', 'gte': 30}", consumer().trait("age", 29))).isFalse();
        assertThat(matches("{'trait': 'age', 'lt': 30}", consumer().trait("age", 30))).isFalse();
        assertThat(matches("{'trait': 'age', 'lt': 30}", consumer().trait("age", 29.9))).isTrue();
        assertThat(matches("{'trait': 'age', 'lte': 30}", consumer().trait("age", 30))).isTrue();
        assertThat(matches("{'trait': 'age', 'lte': 30}", consumer().trait("age", 31))).isFalse();
    }

    @Test
    void givenSeveralOperatorsOnOneTrait_whenMatching_thenEveryOneMustHold() {
        String rule = "{'trait': 'age', 'gte': 18, 'lt': 30}";

        assertThat(matches(rule, consumer().trait("age", 18))).isTrue();
        assertThat(matches(rule, consumer().trait("age", 29))).isTrue();
        assertThat(matches(rule, consumer().trait("age", 30))).isFalse();
        assertThat(matches(rule, consumer().trait("age", 17))).isFalse();
    }

    @Test
    void givenOverlappingBounds_whenMatching_thenTheTighterBoundApplies() {
        String rule = "{'trait': 'score', 'gt': 5, 'gte': 5, 'lte': 9, 'lt': 9}";

        assertThat(matches(rule, consumer().trait("score", 5))).isFalse();
        assertThat(matches(rule, consumer().trait("score", 5.5))).isTrue();
        assertThat(matches(rule, consumer().trait("score", 9))).isFalse();
    }

    @Test
    void givenComparison_whenTraitIsNotANumber_thenNoMatch() {
        assertThat(matches("{'trait': 'age', 'gte': 18}", consumer().trait("age", "42"))).isFalse();
        assertThat(matches("{'trait': 'age', 'gte': 18}", consumer().trait("age", true))).isFalse();
        assertThat(matches("{'trait': 'age', 'gte': 18}", consumer())).isFalse();
    }

    @Test
    void givenExists_whenTraitPresentOrAbsent_thenMatchesAsAsked() {
        assertThat(matches("{'trait': 'email', 'exists': true}", consumer().trait("email", "h@x.io"))).isTrue();
        assertThat(matches("{'trait': 'email', 'exists': true}", consumer())).isFalse();
        assertThat(matches("{'trait': 'email', 'exists': false}", consumer())).isTrue();
        assertThat(matches("{'trait': 'email', 'exists': false}", consumer().trait("email", "h@x.io"))).isFalse();
    }

    @Test
    void givenContains_whenStringTrait_thenMatchesCaseSensitiveSubstring() {
        String rule = "{'trait': 'interests', 'contains': 'tea'}";

        assertThat(matches(rule, consumer().trait("interests", "green tea, oolong"))).isTrue();
        assertThat(matches(rule, consumer().trait("interests", "Tea"))).isFalse();
        assertThat(matches(rule, consumer().trait("interests", "coffee"))).isFalse();
    }

    @Test
    void givenContains_whenListTrait_thenMatchesAWholeElement() {
        String rule = "{'trait': 'interests', 'contains': 'tea'}";

        assertThat(matches(rule, consumer().trait("interests", List.of("coffee", "tea")))).isTrue();
        assertThat(matches(rule, consumer().trait("interests", List.of("green tea")))).isFalse();
        assertThat(matches(rule, consumer().trait("interests", 3))).isFalse();
    }

    @Test
    void givenStageEqOrIn_whenMatching_thenReadsTheNamedModelOnly() {
        var purchaser = consumer().stage("aipl", "P").stage("rfm", "champion");

        assertThat(matches("{'stage': {'model': 'aipl', 'in': ['P', 'L']}}", purchaser)).isTrue();
        assertThat(matches("{'stage': {'model': 'aipl', 'eq': 'P'}}", purchaser)).isTrue();
        assertThat(matches("{'stage': {'model': 'aipl', 'eq': 'A'}}", purchaser)).isFalse();
        assertThat(matches("{'stage': {'model': 'rfm', 'in': ['P', 'L']}}", purchaser)).isFalse();
        assertThat(matches("{'stage': {'model': 'other', 'in': ['P']}}", purchaser)).isFalse();
        assertThat(matches("{'stage': {'model': 'aipl', 'eq': 'P', 'in': ['A', 'I']}}", purchaser)).isFalse();
    }

    @Test
    void givenOrdersWindow_whenOrdersAroundItsEdge_thenCountsOrdersAfterExactlyNDaysAgoUntilNow() {
        String rule = "{'orders': {'withinDays': 90, 'gte': 2}}";
        Instant edge = NOW.minus(Duration.ofDays(90));

        assertThat(matches(rule, consumer().order(edge.plusMillis(1), 10).order(NOW, 10))).isTrue();
        assertThat(matches(rule, consumer().order(edge, 10).order(NOW, 10))).isFalse();
        assertThat(matches(rule, consumer().order(NOW.plusMillis(1), 10).order(NOW, 10))).isFalse();
    }

    @Test
    void givenNoOrders_whenComparingOrderCount_thenCountIsZero() {
        assertThat(matches("{'orders': {'withinDays': 30, 'eq': 0}}", consumer())).isTrue();
        assertThat(matches("{'orders': {'withinDays': 30, 'gte': 1}}", consumer())).isFalse();
    }

    @Test
    void givenGmvWindow_whenMatching_thenSumsOnlyOrdersInTheWindow() {
        String rule = "{'gmv': {'withinDays': 365, 'gte': 200}}";
        var recent = consumer().order(days(10), 120).order(days(200), 80).order(days(400), 500);

        assertThat(matches(rule, recent)).isTrue();
        assertThat(matches("{'gmv': {'withinDays': 100, 'gte': 200}}", recent)).isFalse();
        assertThat(matches("{'gmv': {'withinDays': 100, 'eq': 120}}", recent)).isTrue();
    }

    @Test
    void givenDaysSinceLastPurchase_whenMatching_thenCountsWholeDaysSinceTheLatestOrder() {
        String rule = "{'daysSinceLastPurchase': {'gte': 90}}";

        assertThat(matches(rule, consumer().order(days(90), 10))).isTrue();
        assertThat(matches(rule, consumer().order(days(90).plusSeconds(1), 10))).isFalse();
        assertThat(matches(rule, consumer().order(days(120), 10).order(days(3), 10))).isFalse();
        assertThat(matches("{'daysSinceLastPurchase': {'eq': 0}}", consumer().order(NOW.plusSeconds(60), 1)))
                .isTrue();
    }

    @Test
    void givenDaysSinceLastPurchase_whenNeverPurchased_thenNoComparisonMatches() {
        assertThat(matches("{'daysSinceLastPurchase': {'gte': 90}}", consumer())).isFalse();
        assertThat(matches("{'daysSinceLastPurchase': {'lt': 90}}", consumer())).isFalse();
    }

    @Test
    void givenClvAndPAlive_whenMatching_thenComparesEstimatesAndNotEstimatedNeverMatches() {
        assertThat(matches("{'clv': {'gte': 200}}", consumer().clv(200))).isTrue();
        assertThat(matches("{'clv': {'gte': 200}}", consumer().clv(199.99))).isFalse();
        assertThat(matches("{'clv': {'gte': 200, 'lt': 1000}}", consumer().clv(1000))).isFalse();
        assertThat(matches("{'pAlive': {'lt': 0.3}}", consumer().pAlive(0.29))).isTrue();
        assertThat(matches("{'pAlive': {'lt': 0.3}}", consumer().pAlive(0.3))).isFalse();
        assertThat(matches("{'clv': {'lt': 200}}", consumer())).isFalse();
        assertThat(matches("{'pAlive': {'gte': 0}}", consumer())).isFalse();
    }

    @Test
    void givenChannel_whenMatching_thenTrueOnlyForChannelsTheConsumerWasSeenIn() {
        var omni = consumer().channel("pos").channel("web");

        assertThat(matches("{'channel': 'pos'}", omni)).isTrue();
        assertThat(matches("{'channel': 'app'}", omni)).isFalse();
    }

    @Test
    void givenEventCount_whenMatching_thenCountsOnlyThatEventInsideTheWindow() {
        String rule = "{'event': {'name': 'Product Viewed', 'withinDays': 30, 'gte': 3}}";
        var viewer = consumer().event("Product Viewed", days(1)).event("Product Viewed", days(29))
                .event("Product Viewed", days(31)).event("Product Added", days(2));

        assertThat(matches(rule, viewer)).isFalse();
        assertThat(matches(rule, viewer.event("Product Viewed", days(30)))).as("exactly 30 days ago is out").isFalse();
        assertThat(matches(rule, viewer.event("Product Viewed", days(30).plusMillis(1)))).isTrue();
        assertThat(matches("{'event': {'name': 'Checkout', 'withinDays': 30, 'eq': 0}}", viewer)).isTrue();
    }

    @Test
    void givenConsent_whenMatching_thenTrueOnlyWhenGrantedForThatChannelOrAll() {
        String sms = "{'consent': {'purpose': 'marketing', 'channel': 'sms'}}";

        assertThat(matches(sms, consumer().consent("marketing", "sms", true))).isTrue();
        assertThat(matches(sms, consumer().consent("marketing", "*", true))).isTrue();
        assertThat(matches(sms, consumer().consent("marketing", "*", true).consent("marketing", "sms", false)))
                .isFalse();
        assertThat(matches(sms, consumer().consent("marketing", "email", true))).isFalse();
        assertThat(matches(sms, consumer().consent("analytics", "sms", true))).isFalse();
        assertThat(matches(sms, consumer())).isFalse();
    }

    @Test
    void givenConsentWithoutChannel_whenMatching_thenAsksForTheGrantCoveringEveryChannel() {
        String rule = "{'consent': {'purpose': 'marketing'}}";

        assertThat(matches(rule, consumer().consent("marketing", "*", true))).isTrue();
        assertThat(matches(rule, consumer().consent("marketing", "sms", true))).isFalse();
    }

    @Test
    void givenSampleOfZeroOrHundredPercent_whenMatching_thenNobodyOrEverybody() {
        for (int i = 0; i < 100; i++) {
            SubjectSnapshot.Builder anyone = SubjectSnapshot.builder("c-" + i);
            assertThat(matches("{'sample': {'percent': 0, 'salt': 'exp-7'}}", anyone)).isFalse();
            assertThat(matches("{'sample': {'percent': 100, 'salt': 'exp-7'}}", anyone)).isTrue();
        }
    }

    @Test
    void givenSample_whenMatching_thenAgreesWithTheConsumersBucket() {
        for (int i = 0; i < 1000; i++) {
            String id = "c-" + i;
            boolean expected = SampleBuckets.bucket("exp-7", id) < 0.10;
            assertThat(matches("{'sample': {'percent': 10, 'salt': 'exp-7'}}", SubjectSnapshot.builder(id)))
                    .isEqualTo(expected);
        }
    }

    @Test
    void givenAllAnyNot_whenMatching_thenCombineAsConjunctionDisjunctionAndNegation() {
        var gold = consumer().trait("tier", "gold");
        String goldRule = "{'trait': 'tier', 'eq': 'gold'}";
        String posRule = "{'channel': 'pos'}";

        assertThat(matches("{'all': [" + goldRule + ", " + posRule + "]}", gold)).isFalse();
        assertThat(matches("{'any': [" + goldRule + ", " + posRule + "]}", gold)).isTrue();
        assertThat(matches("{'not': " + posRule + "}", gold)).isTrue();
        assertThat(matches("{'all': [" + goldRule + "]}", gold)).isTrue();
        assertThat(matches("{'any': [" + posRule + "]}", gold)).isFalse();
    }

    @Test
    void givenTeaLoversToWinBack_whenMatching_thenEveryNestedConditionCounts() {
        String rule = """
                {"all": [
                  {"trait": "interests", "contains": "tea"},
                  {"not": {"orders": {"withinDays": 90, "gte": 1}}},
                  {"clv": {"gt": 200}},
                  {"consent": {"purpose": "marketing", "channel": "sms"}},
                  {"any": [{"stage": {"model": "aipl", "in": ["P", "L"]}}, {"channel": "pos"}]}
                ]}""";
        var lapsed = consumer().trait("interests", "tea, biscuits").order(days(120), 300).clv(450)
                .consent("marketing", "sms", true).stage("aipl", "P");

        assertThat(matches(rule, lapsed)).isTrue();
        assertThat(matches(rule, lapsed.order(days(10), 20))).isFalse();
        assertThat(matches(rule, consumer().trait("interests", "tea, biscuits").order(days(120), 300).clv(450)
                .consent("marketing", "sms", true).stage("aipl", "A").channel("pos"))).isTrue();
        assertThat(matches(rule, consumer().trait("interests", "tea, biscuits").order(days(120), 300).clv(450)
                .consent("marketing", "sms", true).stage("aipl", "A"))).isFalse();
    }

    @Test
    void givenCompiledRule_whenMatchedTwice_thenSameAnswerAndSourceIsUnmodifiable() {
        CompiledRule rule = RuleCompiler.compile(TestJson.object("{'any': [{'channel': 'pos'}, {'clv': {'gt': 1}}]}"));
        SubjectSnapshot subject = consumer().channel("pos").build();

        assertThat(rule.matches(subject, NOW)).isTrue();
        assertThat(rule.matches(subject, NOW)).isTrue();
        assertThat(rule.source()).isEqualTo(TestJson.object("{'any': [{'channel': 'pos'}, {'clv': {'gt': 1}}]}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rule.source().put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private boolean matches(String json, SubjectSnapshot.Builder consumer) {
        var rule = TestJson.object(json);
        SubjectSnapshot subject = consumer.build();
        boolean compiled = RuleCompiler.compile(rule).matches(subject, NOW);
        assertThat(interpreter.matches(rule, subject, NOW)).as("interpreted %s", json).isEqualTo(compiled);
        return compiled;
    }

    private static SubjectSnapshot.Builder consumer() {
        return SubjectSnapshot.builder("c-1");
    }

    private static Instant days(long ago) {
        return NOW.minus(Duration.ofDays(ago));
    }
}
