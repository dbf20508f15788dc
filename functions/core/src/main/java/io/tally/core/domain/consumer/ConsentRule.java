package io.tally.core.domain.consumer;

import java.util.Map;
import java.util.Optional;

/**
 * The one consent rule of Tally. Answers are kept per {@code purpose/channel}, with channel {@code *} for every
 * channel; of two answers for the same key the later wins, a refusal on a tie ({@link #later}). Whether a purpose is
 * granted on a channel is decided privacy-first:
 * <ul>
 *   <li>a refusal for the channel itself stands until the channel itself is granted again: a grant for every channel
 *       never overrides it (web pages restate their consent banner's answer with every event, so "later" says
 *       nothing about which answer the consumer meant last);</li>
 *   <li>a grant for the channel stands unless a refusal for every channel came at the same time or later (a global
 *       opt-out ends every channel's grant);</li>
 *   <li>without an answer for the channel, the answer for every channel decides.</li>
 * </ul>
 * The consumer API, segment rules and everything downstream decide through it.
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
        if (specific == null) {
            return general == null ? Optional.empty() : Optional.of(granted(general));
        }
        if (!granted(specific)) {
            return Optional.of(false);
        }
        boolean optedOutSince = general != null && !granted(general) && !general.at().isBefore(specific.at());
        return Optional.of(!optedOutSince);
    }

    /** Of two answers for the same key, the later; on a tie the refusal. Commutative, so folds in any order agree. */
    public static TimedValue later(TimedValue a, TimedValue b) {
        if (b == null) {
            return a;
        }
        int byTime = a.at().compareTo(b.at());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return granted(a) ? b : a;
    }

    private static boolean granted(TimedValue answer) {
        return Boolean.TRUE.equals(answer.value());
    }
}
