package io.tally.core.service;

import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.event.SegmentEventReader;
import io.tally.core.domain.quarantine.QuarantineBatch;
import io.tally.core.domain.quarantine.QuarantinedEvent;
import io.tally.core.domain.quarantine.ReplayOutcome;
import io.tally.core.port.in.QuarantineUseCase;
import io.tally.core.port.out.EventQueuePort;
import io.tally.core.port.out.QuarantinePort;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays quarantined events with today's reading rules. An event that had no message id gets a deterministic
 * one ({@code <batch id>-<index>}), so replaying twice (e.g. after a crash between steps) never counts it twice.
 */
public class QuarantineService implements QuarantineUseCase {

    private final QuarantinePort quarantine;
    private final EventQueuePort queue;
    private final SegmentEventReader reader;

    public QuarantineService(QuarantinePort quarantine, EventQueuePort queue, SegmentEventReader reader) {
        this.quarantine = quarantine;
        this.queue = queue;
        this.reader = reader;
    }

    @Override
    public Map<String, Long> counts(String brandId, LocalDate date) {
        return quarantine.countsByReason(brandId, date);
    }

    @Override
    public List<QuarantineBatch> list(String brandId, LocalDate date, String reason) {
        return quarantine.list(brandId, date, reason);
    }

    @Override
    public List<ReplayOutcome> replay(String brandId, LocalDate date, String reason) {
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (QuarantineBatch batch : quarantine.list(brandId, date, reason)) {
            List<ConsumerEvent> valid = new ArrayList<>();
            List<QuarantinedEvent> stillInvalid = new ArrayList<>();
            for (QuarantinedEvent event : batch.events()) {
                Object raw = withMessageId(event.raw(), batch.id() + "-" + event.index());
                SegmentEventReader.ItemResult result = reader.readItem(raw, "batch[" + event.index() + "]",
                        batch.receivedAt());
                if (result.event() != null) {
                    valid.add(result.event());
                    outcomes.add(new ReplayOutcome(batch.id(), event.index(), result.event().messageId(), true,
                            List.of()));
                } else {
                    stillInvalid.add(new QuarantinedEvent(event.index(), raw, result.errors()));
                    outcomes.add(new ReplayOutcome(batch.id(), event.index(), event.messageId(), false,
                            result.errors()));
                }
            }
            if (valid.isEmpty()) {
                continue;
            }
            queue.enqueue(new IngestEnvelope(batch.brandId(), batch.channelId(), valid));
            if (!stillInvalid.isEmpty()) {
                quarantine.store(new QuarantineBatch(batch.id() + "-r", batch.brandId(), batch.channelId(),
                        batch.receivedAt(), batch.reason(), stillInvalid));
            }
            quarantine.remove(batch);
        }
        return outcomes;
    }

    private static Object withMessageId(Object raw, String fallback) {
        if (raw instanceof Map<?, ?> map && map.get("messageId") == null) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.put("messageId", fallback);
            return copy;
        }
        return raw;
    }
}
