package io.tally.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tally.catalog.QueueSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The local stand-in for a Lambda SQS event source mapping: long-polls one queue, hands batches of up to the
 * catalog's batch size to the consuming function, deletes what succeeded and leaves reported failures to
 * reappear (after the visibility timeout, or the local retry delay) until the queue's redrive policy moves
 * them to the dead-letter queue.
 */
final class QueuePoller implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);

    private final QueueSpec queue;
    private final String queueUrl;
    private final SqsClient sqs;
    private final LocalFunctions functions;
    private final Optional<Duration> retryDelay;
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean running = true;

    QueuePoller(QueueSpec queue, String queueUrl, SqsClient sqs, LocalFunctions functions,
                Optional<Duration> retryDelay) {
        this.queue = queue;
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        this.functions = functions;
        this.retryDelay = retryDelay;
    }

    @Override
    public void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("poller of queue {} failed; retrying in 1 s", queue.logicalName(), e);
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    private void pollOnce() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(queue.batchSize(), 10)).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
        if (messages.isEmpty() || !running) {
            return;
        }
        SQSEvent event = toEvent(messages);
        Set<String> failed;
        try {
            SQSBatchResponse response = functions.invoke(queue.consumer(), event);
            failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                    : response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        } catch (RuntimeException e) {
            LOG.error("function {} failed on a batch of {} messages; all will be retried", queue.consumer(),
                    messages.size(), e);
            failed = messages.stream().map(Message::messageId).collect(Collectors.toSet());
        }
        List<Message> done = new ArrayList<>();
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                retryDelay.ifPresent(delay -> sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl)
                        .receiptHandle(message.receiptHandle()).visibilityTimeout((int) Math.ceil(delay.toMillis() / 1000.0))));
            } else {
                done.add(message);
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done.stream().map(m -> software.amazon.awssdk
                    .services.sqs.model.DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                    .receiptHandle(m.receiptHandle()).build()).toList()));
        }
        delivered.addAndGet(done.size());
    }

    private SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn("arn:aws:sqs:" + EmbeddedAws.REGION + ":000000000000:" + Provisioner.PREFIX
                    + queue.logicalName());
            record.setAwsRegion(EmbeddedAws.REGION);
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** Messages handled successfully so far. */
    long delivered() {
        return delivered.get();
    }

    void stop() {
        running = false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
