package io.tally.core.domain.quarantine;

import io.tally.core.domain.event.FieldError;

import java.util.List;

/**
 * What replaying one quarantined event did.
 *
 * @param batchId   the quarantine batch it came from
 * @param index     its index in the original request
 * @param messageId its message id (assigned now if it had none)
 * @param replayed  true if it was accepted and queued; false if it is still invalid and stays quarantined
 * @param errors    why it is still invalid
 */
public record ReplayOutcome(String batchId, int index, String messageId, boolean replayed, List<FieldError> errors) {
}
