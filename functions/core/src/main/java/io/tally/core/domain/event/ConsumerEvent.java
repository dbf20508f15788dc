package io.tally.core.domain.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated Tracking API call, as received by the gateway and applied by the processor.
 * Only the gateway creates these (through {@link SegmentEventReader}); everything downstream trusts them.
 *
 * @param type         call type
 * @param messageId    the event's unique id, the key for de-duplication (assigned by the gateway when absent)
 * @param userId       the channel's known user id, if any
 * @param anonymousId  the channel's anonymous id, if any (at least one of userId/anonymousId is present)
 * @param event        event name ({@code track} only)
 * @param name         page or screen name ({@code page}/{@code screen})
 * @param groupId      group ({@code group} only)
 * @param previousId   previous id ({@code alias} only)
 * @param timestamp    when it happened, corrected for the sender's clock skew
 * @param receivedAt   when the gateway received it
 * @param context      the Segment {@code context} object (batch-level context merged in)
 * @param integrations the Segment {@code integrations} object
 * @param properties   event properties ({@code track}, {@code page}, {@code screen})
 * @param traits       traits ({@code identify}, {@code group})
 */
public record ConsumerEvent(EventType type, String messageId, String userId, String anonymousId, String event,
                            String name, String groupId, String previousId, Instant timestamp, Instant receivedAt,
                            Map<String, Object> context, Map<String, Object> integrations,
                            Map<String, Object> properties, Map<String, Object> traits) {

    public ConsumerEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (userId == null && anonymousId == null) {
            throw new IllegalArgumentException("userId or anonymousId is required");
        }
        context = context == null ? Map.of() : context;
        integrations = integrations == null ? Map.of() : integrations;
        properties = properties == null ? Map.of() : properties;
        traits = traits == null ? Map.of() : traits;
    }

    public Optional<String> optionalUserId() {
        return Optional.ofNullable(userId);
    }

    public Optional<String> optionalAnonymousId() {
        return Optional.ofNullable(anonymousId);
    }
}
