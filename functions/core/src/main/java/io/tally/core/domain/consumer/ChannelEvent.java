package io.tally.core.domain.consumer;

import io.tally.core.domain.event.ConsumerEvent;

/** An event together with the channel that sent it. */
public record ChannelEvent(String channelId, ConsumerEvent event) {
}
