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

    /**
     * {@code body} with every character SQS refuses in a message (controls other than tab, line feed and carriage
     * return, U+FFFE, U+FFFF, unpaired surrogates) written as a JSON {@code \\uXXXX} escape. A JSON text has such
     * characters only inside its strings, so the escaped text reads back as the same value.
     */
    static String sqsSafe(String body) {
        StringBuilder safe = null;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < body.length()
                    && Character.isLowSurrogate(body.charAt(i + 1));
            if (pairedSurrogate) {
                if (safe != null) {
                    safe.append(c).append(body.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD);
            if (allowed) {
                if (safe != null) {
                    safe.append(c);
                }
            } else {
                if (safe == null) {
                    safe = new StringBuilder(body.length() + 16).append(body, 0, i);
                }
                safe.append(String.format("\\u%04x", (int) c));
            }
        }
        return safe == null ? body : safe.toString();
    }

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
            pending.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(sqsSafe(bodies.get(i))).build());
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
            response.failed().stream().filter(BatchResultErrorEntry::senderFault).findFirst().ifPresent(refused -> {
                throw new IllegalStateException("SQS refused a " + what + " as malformed (" + refused.code() + ": "
                        + refused.message() + "); retrying cannot help");
            });
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
