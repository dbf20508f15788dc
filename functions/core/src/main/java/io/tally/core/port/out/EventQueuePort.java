package io.tally.core.port.out;

import io.tally.core.domain.event.IngestEnvelope;

/** The durable queue between the gateway and the processor. */
public interface EventQueuePort {

    /**
     * Queues every event of the envelope, or throws: an event is never reported as accepted unless it is
     * safely queued.
     *
     * @throws QueueUnavailableException when the queue did not accept all of them
     */
    void enqueue(IngestEnvelope envelope);
}
