package io.tally.core.domain.consumer;

import java.util.Objects;

/**
 * "Did the consumer grant {@code purpose} on {@code channel}?", with the keys the two answers that decide it are
 * stored under ({@code purpose/channel} and {@code purpose/*}) built once, so that asking it of many consumers
 * allocates nothing.
 */
public final class ConsentQuestion {

    private final String purpose;
    private final String channel;
    private final String channelKey;
    private final String everyChannelKey;

    private ConsentQuestion(String purpose, String channel) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.channelKey = purpose + '/' + channel;
        this.everyChannelKey = purpose + "/*";
    }

    /** @param channel a channel, or {@code *} for a grant that covers every channel */
    public static ConsentQuestion of(String purpose, String channel) {
        return new ConsentQuestion(purpose, channel);
    }

    public String purpose() {
        return purpose;
    }

    public String channel() {
        return channel;
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
    public boolean equals(Object o) {
        return o instanceof ConsentQuestion other && purpose.equals(other.purpose) && channel.equals(other.channel);
    }

    @Override
    public int hashCode() {
        return 31 * purpose.hashCode() + channel.hashCode();
    }

    @Override
    public String toString() {
        return channelKey;
    }
}
