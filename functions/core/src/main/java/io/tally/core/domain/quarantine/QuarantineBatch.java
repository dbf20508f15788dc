package io.tally.core.domain.quarantine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Rejected events of one request that share a reason: the unit stored in the quarantine (partitioned by
 * brand, date and reason).
 *
 * @param id         unique id of this stored batch
 * @param brandId    brand of the sending key
 * @param channelId  channel of the sending key
 * @param receivedAt when the gateway received the request
 * @param reason     the error code every event here was filed under
 * @param events     the rejected events
 */
public record QuarantineBatch(String id, String brandId, String channelId, Instant receivedAt, String reason,
                              List<QuarantinedEvent> events) {

    public QuarantineBatch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(reason, "reason");
        events = List.copyOf(events);
    }
}
