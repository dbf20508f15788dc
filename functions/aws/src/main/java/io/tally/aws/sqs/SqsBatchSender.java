package io.tally.aws.sqs;

import io.tally.core.port.out.QueueUnavailableException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends up to ten message bodies with one SendMessageBatch and retries the entries SQS reports as failed (and
 * calls the SDK gives up on) up to {@link #SEND_ATTEMPTS} times. If any entry stays unsent the call fails with
 * {@link QueueUnavailableException}, so a caller never reports as queued what is not.
 */
@Singleton
public class SqsBatchSender {

    /** SQS's limit of entries in one SendMessageBatch. */
    public static final int MAX_BATCH_ENTRIES = 10;
    static final int SEND_ATTEMPTS = 3;

    private final SqsClient sqs;

    public SqsBatchSender(SqsClient sqs) {
        this.sqs = sqs;
    }

    /**
     * Sends the bodies as one batch.
     *
     * @param queueUrl the queue
     * @param bodies   at most {@link #MAX_BATCH_ENTRIES} message bodies
     * @param what     what the messages are, for the error ("ingest message", "scan task")
     * @throws QueueUnavailableException if the queue did not take every message after the retries
     */
    public void send(String queueUrl, List<String> bodies, String what) {
        if (bodies.size() > MAX_BATCH_ENTRIES) {
            throw new IllegalArgumentException(bodies.size() + " messages in one batch; SQS takes at most "
                    + MAX_BATCH_ENTRIES);
        }
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            pending.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(bodies.get(i))
                    .build());
        }
        String lastError = "";
        for (int attempt = 1; attempt <= SEND_ATTEMPTS && !pending.isEmpty(); attempt++) {
            SendMessageBatchResponse response;
            try {
                List<SendMessageBatchRequestEntry> entries = pending;
                response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                lastError = e.getMessage();
                if (attempt == SEND_ATTEMPTS) {
                    throw new QueueUnavailableException("the queue is unavailable: " + pending.size() + " " + what
                            + "(s) not queued: " + lastError, e);
                }
                continue;
            }
            Map<String, SendMessageBatchRequestEntry> byId = pending.stream()
                    .collect(Collectors.toMap(SendMessageBatchRequestEntry::id, Function.identity()));
            pending = response.failed().stream().map(BatchResultErrorEntry::id).map(byId::get).toList();
            if (!response.failed().isEmpty()) {
                lastError = response.failed().get(0).code() + ": " + response.failed().get(0).message();
            }
        }
        if (!pending.isEmpty()) {
            throw new QueueUnavailableException(pending.size() + " " + what + "(s) were not accepted by the queue ("
                    + lastError + ")", null);
        }
    }
}
