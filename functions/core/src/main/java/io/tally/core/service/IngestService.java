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
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Quarantines a request's rejected events (one stored batch per reason), then queues its accepted events under
 * the brand and channel of the sender's key. Both must succeed before the request is answered 200.
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
        byReason.forEach((reason, events) -> quarantine.store(new QuarantineBatch(UUID.randomUUID().toString(),
                command.sender().brandId(), command.sender().channelId(), command.receivedAt(), reason, events)));
        if (!command.events().isEmpty()) {
            queue.enqueue(new IngestEnvelope(command.sender().brandId(), command.sender().channelId(),
                    command.events()));
        }
        return new IngestReceipt(command.events().size(), command.rejected().size());
    }
}
