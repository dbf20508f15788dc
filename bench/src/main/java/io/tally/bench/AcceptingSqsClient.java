package io.tally.bench;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * An {@link SqsClient} whose {@code SendMessageBatch} accepts every entry in memory, so the production SQS
 * adapter can run its packing and request building without a network call. It keeps the number of messages
 * sent and the body of the last one, for the benchmark's fixture check. Every other operation is unsupported.
 */
final class AcceptingSqsClient implements SqsClient {

    private final LongAdder messagesSent = new LongAdder();
    private volatile String lastMessageBody = "";

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        List<SendMessageBatchRequestEntry> entries = request.entries();
        messagesSent.add(entries.size());
        lastMessageBody = entries.get(entries.size() - 1).messageBody();
        return SendMessageBatchResponse.builder()
                .successful(entries.stream().map(entry -> SendMessageBatchResultEntry.builder().id(entry.id())
                        .messageId(entry.id()).build()).toList())
                .failed(List.of())
                .build();
    }

    long messagesSent() {
        return messagesSent.sum();
    }

    String lastMessageBody() {
        return lastMessageBody;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
