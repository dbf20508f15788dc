package io.tally.core.service;

import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.port.in.IngestEventsUseCase;
import io.tally.core.port.out.EventQueuePort;

/** Queues a channel's accepted events under the brand and channel of its key. */
public class IngestService implements IngestEventsUseCase {

    private final EventQueuePort queue;

    public IngestService(EventQueuePort queue) {
        this.queue = queue;
    }

    @Override
    public IngestReceipt ingest(IngestCommand command) {
        if (!command.events().isEmpty()) {
            queue.enqueue(new IngestEnvelope(command.sender().brandId(), command.sender().channelId(),
                    command.events()));
        }
        return new IngestReceipt(command.events().size());
    }
}
