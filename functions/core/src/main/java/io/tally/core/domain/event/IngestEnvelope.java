package io.tally.core.domain.event;

import java.util.List;
import java.util.Objects;

/** Accepted events of one brand and channel on their way from the gateway to the processor. */
public record IngestEnvelope(String brandId, String channelId, List<ConsumerEvent> events) {

    public IngestEnvelope {
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(channelId, "channelId");
        events = List.copyOf(events);
    }
}
