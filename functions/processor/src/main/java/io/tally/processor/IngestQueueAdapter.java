package io.tally.processor;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tally.aws.json.EventCodec;
import io.tally.core.port.in.ApplyEventsUseCase;
import io.tally.core.port.in.ApplyEventsUseCase.ApplyResult;
import io.tally.core.port.in.ApplyEventsUseCase.QueuedEnvelope;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates an SQS batch into {@link ApplyEventsUseCase} and its outcome into a partial batch response:
 * only messages that failed (undecodable, or whose consumers could not be written) are retried; after the
 * queue's maxReceiveCount they move to its dead-letter queue.
 */
@Singleton
public class IngestQueueAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(IngestQueueAdapter.class);

    private final ApplyEventsUseCase applyEvents;
    private final EventCodec codec;

    public IngestQueueAdapter(ApplyEventsUseCase applyEvents, EventCodec codec) {
        this.applyEvents = applyEvents;
        this.codec = codec;
    }

    public SQSBatchResponse handle(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<QueuedEnvelope> deliveries = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                deliveries.add(new QueuedEnvelope(message.getMessageId(), codec.readEnvelope(message.getBody())));
            } catch (RuntimeException e) {
                LOG.error("undecodable ingest message {}, left for the dead-letter queue", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        ApplyResult result = applyEvents.apply(deliveries);
        result.failures().forEach((deliveryId, reason) -> {
            LOG.warn("ingest message {} will be retried: {}", deliveryId, reason);
            failures.add(new SQSBatchResponse.BatchItemFailure(deliveryId));
        });
        LOG.info("applied {} events ({} duplicates, {} blocked by erasure) in {} profile writes, {} merges; "
                        + "{} of {} messages failed", result.applied(), result.duplicates(), result.blocked(),
                result.writes(), result.merges(), failures.size(), event.getRecords().size());
        return new SQSBatchResponse(failures);
    }
}
