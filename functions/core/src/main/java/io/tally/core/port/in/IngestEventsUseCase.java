package io.tally.core.port.in;

import io.tally.core.domain.access.Principal;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.quarantine.QuarantinedEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Accepts validated events from a channel and queues them durably; quarantines the rejected ones. */
public interface IngestEventsUseCase {

    /**
     * @throws io.tally.core.port.out.QueueUnavailableException when the events could not be queued or the
     *                                                          rejected ones not quarantined; none of them may
     *                                                          then be reported as accepted
     */
    IngestReceipt ingest(IngestCommand command);

    /**
     * @param sender     who sent them
     * @param receivedAt when the gateway received the request
     * @param events     the accepted events
     * @param rejected   events of the same request that were not accepted, with their reasons
     */
    record IngestCommand(Principal sender, Instant receivedAt, List<ConsumerEvent> events,
                         List<QuarantinedEvent> rejected) {
        public IngestCommand {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(receivedAt, "receivedAt");
            events = List.copyOf(events);
            rejected = List.copyOf(rejected);
        }
    }

    /** How many events were queued and how many quarantined. */
    record IngestReceipt(int accepted, int quarantined) {
    }
}
