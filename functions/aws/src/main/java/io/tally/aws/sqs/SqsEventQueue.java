package io.tally.aws.sqs;

import io.tally.aws.config.ResourceNames;
import io.tally.aws.json.EventCodec;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.port.out.EventQueuePort;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Queues accepted events on the ingest queue, packed: as many events per message as fit in
 * {@link #MAX_MESSAGE_BYTES}, as many messages per SendMessageBatch as fit in SQS's batch limits, so a
 * 2,500-event batch costs a handful of calls. Failed entries are retried ({@link SqsBatchSender}); if any stay
 * unsent the call fails, so the gateway never reports events as accepted that are not queued.
 */
@Singleton
public class SqsEventQueue implements EventQueuePort {

    /** SQS's limit for one message and for one batch request is 256 KiB; keep a margin for the envelope. */
    public static final int MAX_MESSAGE_BYTES = 250 * 1024;

    private final SqsBatchSender sender;
    private final EventCodec codec;
    private final ResourceNames names;

    public SqsEventQueue(SqsBatchSender sender, EventCodec codec, ResourceNames names) {
        this.sender = sender;
        this.codec = codec;
        this.names = names;
    }

    @Override
    public void enqueue(IngestEnvelope envelope) {
        List<byte[]> messages = pack(envelope);
        List<List<byte[]>> batches = batches(messages);
        for (List<byte[]> batch : batches) {
            send(batch);
        }
    }

    /** Packs the envelope's events into messages of at most {@link #MAX_MESSAGE_BYTES}. */
    List<byte[]> pack(IngestEnvelope envelope) {
        int overhead = codec.envelopeOverhead(envelope.brandId(), envelope.channelId());
        List<byte[]> messages = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int currentBytes = overhead;
        for (ConsumerEvent event : envelope.events()) {
            byte[] json = codec.write(codec.toJson(event));
            if (json.length + overhead > MAX_MESSAGE_BYTES) {
                throw new IllegalArgumentException("event " + event.messageId() + " is " + json.length
                        + " bytes, more than one queue message holds");
            }
            if (!current.isEmpty() && currentBytes + json.length + 1 > MAX_MESSAGE_BYTES) {
                messages.add(codec.envelopeJson(envelope.brandId(), envelope.channelId(), current));
                current = new ArrayList<>();
                currentBytes = overhead;
            }
            current.add(json);
            currentBytes += json.length + 1;
        }
        if (!current.isEmpty()) {
            messages.add(codec.envelopeJson(envelope.brandId(), envelope.channelId(), current));
        }
        return messages;
    }

    private static List<List<byte[]>> batches(List<byte[]> messages) {
        List<List<byte[]>> batches = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int bytes = 0;
        for (byte[] message : messages) {
            if (!current.isEmpty() && (current.size() == SqsBatchSender.MAX_BATCH_ENTRIES || bytes + message.length > MAX_MESSAGE_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(message);
            bytes += message.length;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private void send(List<byte[]> messages) {
        sender.send(queueUrl(), messages.stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList(),
                "ingest message");
    }

    /** Resolved on use: functions that never touch this resource need not be configured with it. */
    private String queueUrl() {
        return names.queueUrl(TallyCatalog.INGEST_QUEUE);
    }
}
