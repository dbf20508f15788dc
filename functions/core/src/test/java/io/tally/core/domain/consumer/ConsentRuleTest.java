package io.tally.core.domain.consumer;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentRuleTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final ConsentQuestion SMS = ConsentQuestion.of("marketing", "sms");

    private static TimedValue said(boolean granted, int secondsAfterT) {
        return new TimedValue(granted, T.plusSeconds(secondsAfterT));
    }

    @Test
    void givenTwoAnswersForOneKeyAtTheSameInstant_whenMerged_thenTheRefusalWinsWhicheverComesFirst() {
        assertThat(ConsentRule.later(said(true, 0), said(false, 0)).value()).isEqualTo(false);
        assertThat(ConsentRule.later(said(false, 0), said(true, 0)).value()).isEqualTo(false);
        assertThat(ConsentRule.later(said(false, 0), said(true, 1)).value()).isEqualTo(true);
    }

    @Test
    void givenAChannelRefusal_whenEveryChannelIsGrantedLater_thenTheRefusalStands() {
        assertThat(ConsentRule.decide(Map.of("marketing/sms", said(false, 0), "marketing/*", said(true, 60)), SMS))
                .contains(false);
    }

    @Test
    void givenAChannelGrant_whenEveryChannelIsRefusedAtTheSameTimeOrLater_thenTheGrantEnds() {
        assertThat(ConsentRule.decide(Map.of("marketing/sms", said(true, 0), "marketing/*", said(false, 0)), SMS))
                .contains(false);
        assertThat(ConsentRule.decide(Map.of("marketing/sms", said(true, 0), "marketing/*", said(false, 60)), SMS))
                .contains(false);
        assertThat(ConsentRule.decide(Map.of("marketing/sms", said(true, 60), "marketing/*", said(false, 0)), SMS))
                .as("granted on sms after a global opt-out").contains(true);
    }

    @Test
    void givenOnlyOneOfTheTwoAnswers_whenDecided_thenItDecidesAndNoAnswerIsNoDecision() {
        assertThat(ConsentRule.decide(Map.of("marketing/*", said(true, 0)), SMS)).contains(true);
        assertThat(ConsentRule.decide(Map.of("marketing/sms", said(false, 0)), SMS)).contains(false);
        assertThat(ConsentRule.decide(Map.of("analytics/*", said(true, 0)), SMS)).isEmpty();
    }
}
