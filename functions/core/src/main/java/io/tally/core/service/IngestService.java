package io.tally.core.service;

import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.quarantine.QuarantineBatch;
import io.tally.core.domain.quarantine.QuarantinedEvent;
import io.tally.core.port.in.IngestEventsUseCase;
import io.tally.core.port.out.EventQueuePort;
import io.tally.core.port.out.QuarantinePort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Quarantines a request's rejected events (one stored batch per reason, with an id derived from its content),
 * then queues its accepted events under the brand and channel of the sender's key. Both must succeed before the
 * request is answered 200.
 */
public class IngestService implements IngestEventsUseCase {

    private final EventQueuePort queue;
    private final QuarantinePort quarantine;

    public IngestService(EventQueuePort queue, QuarantinePort quarantine) {
        this.queue = queue;
        this.quarantine = quarantine;
    }

    @Override
    public IngestReceipt ingest(IngestCommand command) {
        Map<String, List<QuarantinedEvent>> byReason = command.rejected().stream()
                .collect(Collectors.groupingBy(QuarantinedEvent::reason, LinkedHashMap::new, Collectors.toList()));
        byReason.forEach((reason, events) -> quarantine.store(new QuarantineBatch(batchId(command, reason, events),
                command.sender().brandId(), command.sender().channelId(), command.receivedAt(), reason, events)));
        if (!command.events().isEmpty()) {
            queue.enqueue(new IngestEnvelope(command.sender().brandId(), command.sender().channelId(),
                    command.events()));
        }
        return new IngestReceipt(command.events().size(), command.rejected().size());
    }

    /**
     * The same rejected events of the same sender get the same id, so a client retrying after a 503 overwrites
     * its earlier quarantine batch instead of adding a copy.
     */
    static String batchId(IngestCommand command, String reason, List<QuarantinedEvent> events) {
        StringBuilder content = new StringBuilder(command.sender().brandId()).append('|')
                .append(command.sender().channelId()).append('|').append(reason);
        events.forEach(e -> content.append('|').append(e.index()).append('=').append(e.raw()));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
