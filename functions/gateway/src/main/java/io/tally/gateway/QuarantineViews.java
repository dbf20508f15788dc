package io.tally.gateway;

import io.micronaut.serde.annotation.Serdeable;
import io.tally.core.domain.event.FieldError;
import io.tally.core.domain.quarantine.QuarantineBatch;
import io.tally.core.domain.quarantine.ReplayOutcome;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON views of the quarantine API. */
final class QuarantineViews {

    private QuarantineViews() {
    }

    /** Quarantined events of a day, by reason. */
    @Serdeable
    record Counts(String date, long total, Map<String, Long> byReason) {
    }

    /** One stored batch with its events as sent. */
    @Serdeable
    record Batch(String id, String channel, Instant receivedAt, String reason, List<Event> events) {
        static Batch of(QuarantineBatch batch) {
            return new Batch(batch.id(), batch.channelId(), batch.receivedAt(), batch.reason(),
                    batch.events().stream().map(e -> new Event(e.index(), e.errors(), e.raw())).toList());
        }
    }

    /** A quarantined event: its index in the original request, why, and the event. */
    @Serdeable
    record Event(int index, List<FieldError> errors, Object event) {
    }

    /** What a replay did, in total and per event. */
    @Serdeable
    record Replay(String date, long replayed, long stillInvalid, List<ReplayOutcome> outcomes) {
    }
}
