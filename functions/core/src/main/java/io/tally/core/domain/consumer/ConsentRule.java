package io.tally.core.domain.consumer;

import java.util.Map;
import java.util.Optional;

/**
 * The one consent rule of Tally. Answers are kept per {@code purpose/channel}, with channel {@code *} for every
 * channel. Whether a purpose is granted on a channel is decided by the later of the channel's own answer and the
 * {@code *} answer; on a tie a refusal wins. The consumer API, segment rules and everything downstream decide
 * through it.
 */
public final class ConsentRule {

    private ConsentRule() {
    }

    /**
     * @param answers {@code purpose/channel} → granted ({@code Boolean}) with the time it was said
     * @return the decision, or empty if neither answer was ever given
     */
    public static Optional<Boolean> decide(Map<String, TimedValue> answers, ConsentQuestion question) {
        TimedValue specific = answers.get(question.channelKey());
        TimedValue general = answers.get(question.everyChannelKey());
        if (specific == null || general == null) {
            TimedValue only = specific == null ? general : specific;
            return only == null ? Optional.empty() : Optional.of(granted(only));
        }
        int byTime = specific.at().compareTo(general.at());
        if (byTime != 0) {
            return Optional.of(granted(byTime > 0 ? specific : general));
        }
        return Optional.of(granted(specific) && granted(general));
    }

    private static boolean granted(TimedValue answer) {
        return Boolean.TRUE.equals(answer.value());
    }
}
