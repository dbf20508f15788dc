package io.tally.testkit;

import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.port.out.EventQueuePort;
import io.tally.core.port.out.QueueUnavailableException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link EventQueuePort} that keeps envelopes in a list; can be switched to refuse, like a throttled queue. */
public class InMemoryEventQueue implements EventQueuePort {

    private final List<IngestEnvelope> envelopes = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    @Override
    public void enqueue(IngestEnvelope envelope) {
        if (refusing) {
            throw new QueueUnavailableException("queue refused the events (simulated)", null);
        }
        envelopes.add(envelope);
    }

    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    public List<IngestEnvelope> envelopes() {
        return List.copyOf(envelopes);
    }

    public List<ConsumerEvent> events() {
        return envelopes.stream().flatMap(e -> e.events().stream()).toList();
    }

    public void clear() {
        envelopes.clear();
    }
}
