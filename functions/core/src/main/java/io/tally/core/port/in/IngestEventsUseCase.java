package io.tally.core.port.in;

import io.tally.core.domain.access.Principal;
import io.tally.core.domain.event.ConsumerEvent;

import java.util.List;
import java.util.Objects;

/** Accepts validated events from a channel and queues them durably for processing. */
public interface IngestEventsUseCase {

    /**
     * @throws io.tally.core.port.out.QueueUnavailableException when the events could not be queued; none of
     *                                                          them may then be reported as accepted
     */
    IngestReceipt ingest(IngestCommand command);

    record IngestCommand(Principal sender, List<ConsumerEvent> events) {
        public IngestCommand {
            Objects.requireNonNull(sender, "sender");
            events = List.copyOf(events);
        }
    }

    /** How many events were queued. */
    record IngestReceipt(int accepted) {
    }
}
