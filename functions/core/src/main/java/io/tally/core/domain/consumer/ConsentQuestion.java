package io.tally.core.domain.consumer;

import java.util.Objects;

/**
 * "Did the consumer grant {@code purpose} on {@code channel}?", with the keys the two answers that decide it are
 * stored under ({@code purpose/channel} and {@code purpose/*}) built once, so that asking it of many consumers
 * allocates nothing.
 */
public final class ConsentQuestion {

    private final String channelKey;
    private final String everyChannelKey;

    private ConsentQuestion(String purpose, String channel) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
        this.channelKey = purpose + '/' + channel;
        this.everyChannelKey = purpose + "/*";
    }

    /** @param channel a channel, or {@code *} for a grant that covers every channel */
    public static ConsentQuestion of(String purpose, String channel) {
        return new ConsentQuestion(purpose, channel);
    }

    /** Where the answer for the channel itself is stored. */
    String channelKey() {
        return channelKey;
    }

    /** Where the answer for every channel is stored. */
    String everyChannelKey() {
        return everyChannelKey;
    }

    @Override
    public String toString() {
        return channelKey;
    }
}
