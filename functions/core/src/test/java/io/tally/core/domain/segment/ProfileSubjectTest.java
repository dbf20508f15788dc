package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.EventTimes;
import io.tally.core.domain.consumer.RecentMessages;
import io.tally.core.domain.consumer.TimedValue;
import io.tally.core.domain.lifecycle.FactEvent;
import io.tally.core.domain.lifecycle.FactKind;
import io.tally.core.domain.lifecycle.LifecycleFacts;
import io.tally.core.domain.lifecycle.LifecycleState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSubjectTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EARLIER = NOW.minus(Duration.ofDays(10));

    private static ConsumerProfile profile() {
        TreeMap<String, TimedValue> traits = new TreeMap<>(Map.of("tier", new TimedValue("gold", EARLIER),
                "interests", new TimedValue(List.of("tea", "cake"), EARLIER)));
        TreeMap<String, TimedValue> consent = new TreeMap<>(Map.of(
                "marketing/*", new TimedValue(true, EARLIER),
                "marketing/sms", new TimedValue(false, EARLIER.minusSeconds(60)),
                "newsletter/*", new TimedValue(true, EARLIER),
                "newsletter/web", new TimedValue(false, EARLIER.plusSeconds(60)),
                "ads/*", new TimedValue(false, EARLIER),
                "ads/web", new TimedValue(true, EARLIER),
                "survey/*", new TimedValue(false, EARLIER),
                "survey/web", new TimedValue(true, EARLIER.plusSeconds(60))));
        return new ConsumerProfile(new ConsumerKey("demo", "c_1"), 3, EARLIER, NOW, new TreeSet<>(List.of("pos")),
                new TreeSet<>(), traits, consent, RecentMessages.empty(), null, new TreeSet<>(), LifecycleState.empty(),
                EventTimes.empty(), 1);
    }

    private static LifecycleFacts orders(Instant... times) {
        LifecycleFacts facts = LifecycleFacts.empty();
        for (Instant time : times) {
            facts = facts.fold(FactEvent.purchase(time, new BigDecimal("100")));
        }
        return facts;
    }

    @Test
    void givenAProfile_whenRead_thenTraitsChannelsAndIdComeFromIt() {
        ProfileSubject subject = ProfileSubject.of(profile());

        assertThat(subject.consumerId()).isEqualTo("c_1");
        assertThat(subject.trait("tier")).isEqualTo("gold");
        assertThat(subject.trait("missing")).isNull();
        assertThat(subject.seenInChannel("pos")).isTrue();
        assertThat(subject.seenInChannel("web")).isFalse();
        assertThat(subject.clv()).isNaN();
        assertThat(subject.lastPurchase()).isNull();
    }

    @Test
    void givenAChannelAnswerAndAGeneralOne_whenConsentIsAsked_thenAChannelRefusalStandsAndAGlobalOptOutEndsGrants() {
        ProfileSubject subject = ProfileSubject.of(profile());

        assertThat(subject.consent("marketing", "sms")).as("refused on sms, then granted for every channel")
                .isFalse();
        assertThat(subject.consent("marketing", "email")).isTrue();
        assertThat(subject.consent("marketing", "*")).isTrue();
        assertThat(subject.consent("analytics", "*")).as("never asked").isFalse();
        assertThat(subject.consent("newsletter", "web")).as("granted for every channel, then refused on web")
                .isFalse();
        assertThat(subject.consent("newsletter", "app")).isTrue();
        assertThat(subject.consent("ads", "web")).as("granted on web and refused for all at the same time")
                .isFalse();
        assertThat(subject.consent("survey", "web")).as("refused for all, then granted on web").isTrue();
        assertThat(subject.consent("survey", "sms")).isFalse();
    }

    @Test
    void givenOrders_whenCountedInAWindow_thenOnlyThoseWithinItCountAndGmvIsExactWhenAllAreIn() {
        ProfileSubject subject = new ProfileSubject(profile(), orders(NOW.minus(Duration.ofDays(5)),
                NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(1))), Map.of("aipl", "P"), 250, 0.8,
                Map.of());

        assertThat(subject.ordersWithinDays(30, NOW)).isEqualTo(1);
        assertThat(subject.ordersWithinDays(90, NOW)).isEqualTo(2);
        assertThat(subject.gmvWithinDays(30, NOW)).isEqualTo(100.0);
        assertThat(subject.gmvWithinDays(90, NOW.plus(Duration.ofDays(2)))).isEqualTo(300.0);
        assertThat(subject.lastPurchase()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(subject.stage("aipl")).isEqualTo("P");
        assertThat(subject.clv()).isEqualTo(250.0);
    }

    @Test
    void givenEventTimes_whenCountedInAWindow_thenTheStartIsExcludedAndNowIncluded() {
        long now = NOW.toEpochMilli();
        long day = 86_400_000L;
        ProfileSubject subject = new ProfileSubject(profile(), LifecycleFacts.empty(), Map.of(), Double.NaN,
                Double.NaN, Map.of("Product Viewed", new long[]{now - 7 * day, now - 7 * day + 1, now - day, now,
                        now + 1}));

        assertThat(subject.eventCountWithinDays("Product Viewed", 7, NOW)).isEqualTo(3);
        assertThat(subject.eventCountWithinDays("Added to Cart", 7, NOW)).isZero();
    }

    @Test
    void givenARule_whenMatchedAgainstTheAdapter_thenItAgreesWithTheTreeWalkingInterpreter() {
        Map<String, Object> rule = Map.of("all", List.of(Map.of("trait", "interests", "contains", "tea"),
                Map.of("consent", Map.of("purpose", "marketing")), Map.of("orders", Map.of("withinDays", 30,
                        "gte", 1))));
        ProfileSubject subject = new ProfileSubject(profile(), orders(NOW.minus(Duration.ofDays(3))), Map.of(),
                Double.NaN, Double.NaN, Map.of());

        assertThat(RuleCompiler.compile(rule).matches(subject, NOW)).isTrue()
                .isEqualTo(new TreeWalkingInterpreter().matches(rule, subject, NOW));
    }
}
