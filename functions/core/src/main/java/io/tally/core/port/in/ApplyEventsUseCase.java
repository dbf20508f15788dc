package io.tally.core.port.in;

import io.tally.core.domain.event.IngestEnvelope;

import java.util.List;
import java.util.Map;

/**
 * Applies queued events to consumer profiles. All events of one consumer in a call become one conditional
 * write; events already applied (same message id) are skipped, so redelivery changes nothing.
 */
public interface ApplyEventsUseCase {

    /** @return the deliveries that could not be applied and must be retried, with the reason for each */
    ApplyResult apply(List<QueuedEnvelope> deliveries);

    /** One delivered queue message: its delivery id (SQS message id) and its events. */
    record QueuedEnvelope(String deliveryId, IngestEnvelope envelope) {
    }

    /**
     * @param failures   delivery id → reason, for deliveries to retry
     * @param applied    events applied
     * @param duplicates events skipped because they were applied before
     * @param writes     profile writes made
     */
    record ApplyResult(Map<String, String> failures, int applied, int duplicates, int writes) {
        public ApplyResult {
            failures = Map.copyOf(failures);
        }
    }
}
