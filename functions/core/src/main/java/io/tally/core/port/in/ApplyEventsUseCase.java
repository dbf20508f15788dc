package io.tally.core.port.in;

import io.tally.core.domain.event.IngestEnvelope;

import java.util.List;
import java.util.Map;

/**
 * Applies queued events to consumer profiles: resolves each event's identifiers to one consumer (merging
 * consumers an event links), then writes each consumer once per call with a version check. Events already
 * applied (same message id) are skipped, so redelivery changes nothing.
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
     * @param blocked    events dropped because they carry an identifier of an erased consumer
     * @param writes     profile writes made (a merge counts as one)
     * @param merges     consumers merged away
     */
    record ApplyResult(Map<String, String> failures, int applied, int duplicates, int blocked, int writes,
                       int merges) {
        public ApplyResult {
            failures = Map.copyOf(failures);
        }
    }
}
