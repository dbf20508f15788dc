package io.tally.aws.sqs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tally.aws.config.ResourceNames;
import io.tally.aws.json.EventCodec;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.census.ScanTask;
import io.tally.core.domain.clv.ClvTask;
import io.tally.core.domain.segment.RecomputeTask;
import io.tally.core.port.out.ClvTaskQueuePort;
import io.tally.core.port.out.ScanTaskQueuePort;
import io.tally.core.port.out.SegmentTaskQueuePort;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Scan tasks on the scans queue, as JSON, up to ten per SendMessageBatch (failed entries retried by
 * {@link SqsBatchSender}). One queue carries every scatter-gather
 * job; a message's {@code kind} names the job ({@code census}, {@code segments}, {@code clv}; a message without one
 * is a census task, as sent before segments existed).
 */
@Singleton
public class SqsScanTaskQueue implements ScanTaskQueuePort, SegmentTaskQueuePort, ClvTaskQueuePort {

    /** {@code kind} of census tasks. */
    public static final String CENSUS = "census";
    /** {@code kind} of segment recompute tasks. */
    public static final String SEGMENTS = "segments";
    /** {@code kind} of CLV job tasks. */
    public static final String CLV = "clv";

    private final SqsBatchSender sender;
    private final EventCodec codec;
    private final ResourceNames names;

    public SqsScanTaskQueue(SqsBatchSender sender, EventCodec codec, ResourceNames names) {
        this.sender = sender;
        this.codec = codec;
        this.names = names;
    }

    /**
     * The wire form of a {@link ScanTask} ({@code kind} census), a {@link RecomputeTask} ({@code kind} segments) or a
     * {@link ClvTask} ({@code kind} clv).
     *
     * @param kind          the job; null means census
     * @param date          the census or report date; null for segments
     * @param brandId       the only brand a segment recompute covers; null for every brand (and for the others)
     * @param previousDate  clv: the run compared with, if any
     * @param flowsBaseDate clv: the run a month back whose valuations give the month's first-purchase flows, if any
     */
    @Serdeable
    public record ScanTaskMessage(@Nullable String kind, String runId, @Nullable String date, String asOf,
                                  int segment, int totalSegments, @Nullable String brandId,
                                  @Nullable String previousDate, @Nullable String flowsBaseDate) {

        /** Whether this is a segment recompute task. */
        public boolean segments() {
            return SEGMENTS.equals(kind);
        }

        /** Whether this is a CLV job task. */
        public boolean clv() {
            return CLV.equals(kind);
        }

        public ClvTask toClvTask() {
            return new ClvTask(runId, LocalDate.parse(date), Instant.parse(asOf), segment, totalSegments,
                    previousDate == null ? null : LocalDate.parse(previousDate),
                    flowsBaseDate == null ? null : LocalDate.parse(flowsBaseDate));
        }

        public ScanTask toTask() {
            return new ScanTask(runId, LocalDate.parse(date), Instant.parse(asOf), segment, totalSegments);
        }

        public RecomputeTask toRecomputeTask() {
            return new RecomputeTask(runId, brandId, Instant.parse(asOf), segment, totalSegments);
        }

        static ScanTaskMessage of(ScanTask task) {
            return new ScanTaskMessage(CENSUS, task.runId(), task.date().toString(), task.asOf().toString(),
                    task.segment(), task.totalSegments(), null, null, null);
        }

        static ScanTaskMessage of(RecomputeTask task) {
            return new ScanTaskMessage(SEGMENTS, task.runId(), null, task.asOf().toString(), task.segment(),
                    task.totalSegments(), task.brandId(), null, null);
        }

        static ScanTaskMessage of(ClvTask task) {
            return new ScanTaskMessage(CLV, task.runId(), task.date().toString(), task.asOf().toString(),
                    task.segment(), task.totalSegments(), null,
                    task.previousDate() == null ? null : task.previousDate().toString(),
                    task.flowsBaseDate() == null ? null : task.flowsBaseDate().toString());
        }
    }

    @Override
    public void enqueue(List<ScanTask> tasks) {
        send(tasks.stream().map(ScanTaskMessage::of).toList());
    }

    /** Queues segment recompute tasks. */
    @Override
    public void enqueueRecompute(List<RecomputeTask> tasks) {
        send(tasks.stream().map(ScanTaskMessage::of).toList());
    }

    /** Queues CLV job tasks. */
    @Override
    public void enqueueClv(List<ClvTask> tasks) {
        send(tasks.stream().map(ScanTaskMessage::of).toList());
    }

    private void send(List<ScanTaskMessage> messages) {
        int size = SqsBatchSender.MAX_BATCH_ENTRIES;
        for (int from = 0; from < messages.size(); from += size) {
            List<String> bodies = messages.subList(from, Math.min(messages.size(), from + size)).stream()
                    .map(message -> new String(codec.write(message), StandardCharsets.UTF_8)).toList();
            sender.send(queueUrl(), bodies, "scan task");
        }
    }

    /** Resolved on use: functions that never touch this resource need not be configured with it. */
    private String queueUrl() {
        return names.queueUrl(TallyCatalog.SCAN_WORK_QUEUE);
    }
}
