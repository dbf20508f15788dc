package io.tally.aws.sqs;

import io.micronaut.serde.annotation.Serdeable;
import io.tally.aws.config.ResourceNames;
import io.tally.aws.json.EventCodec;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.census.ScanTask;
import io.tally.core.port.out.QueueUnavailableException;
import io.tally.core.port.out.ScanTaskQueuePort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Scan tasks on the scans queue, as JSON, up to ten per SendMessageBatch. */
@Singleton
public class SqsScanTaskQueue implements ScanTaskQueuePort {

    private final SqsClient sqs;
    private final EventCodec codec;
    private final ResourceNames names;

    public SqsScanTaskQueue(SqsClient sqs, EventCodec codec, ResourceNames names) {
        this.sqs = sqs;
        this.codec = codec;
        this.names = names;
    }

    /** The wire form of a {@link ScanTask}. */
    @Serdeable
    public record ScanTaskMessage(String runId, String date, String asOf, int segment, int totalSegments) {

        public ScanTask toTask() {
            return new ScanTask(runId, LocalDate.parse(date), Instant.parse(asOf), segment, totalSegments);
        }

        static ScanTaskMessage of(ScanTask task) {
            return new ScanTaskMessage(task.runId(), task.date().toString(), task.asOf().toString(), task.segment(),
                    task.totalSegments());
        }
    }

    @Override
    public void enqueue(List<ScanTask> tasks) {
        for (int from = 0; from < tasks.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (ScanTask task : tasks.subList(from, Math.min(tasks.size(), from + 10))) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(task.segment()))
                        .messageBody(new String(codec.write(ScanTaskMessage.of(task)), StandardCharsets.UTF_8)).build());
            }
            var response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl()).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new QueueUnavailableException(response.failed().size() + " scan task(s) were not queued: "
                        + response.failed().get(0).message(), null);
            }
        }
    }

    /** Resolved on use: functions that never touch this resource need not be configured with it. */
    private String queueUrl() {
        return names.queueUrl(TallyCatalog.SCAN_WORK_QUEUE);
    }
}
