package io.tally.catalog;

/**
 * A standard SQS queue with its dead-letter queue and the settings of the function that consumes it.
 *
 * @param logicalName              stable name used in configuration ({@code tally.queues.<logicalName>})
 * @param visibilityTimeoutSeconds how long a received message stays invisible (≥ 6 × the consumer's timeout)
 * @param maxReceiveCount          receives before a message moves to the dead-letter queue
 * @param retentionSeconds         how long an unconsumed message is kept
 * @param batchSize                messages handed to one consumer invocation
 * @param maxBatchingWindowSeconds how long the event source waits to fill a batch
 * @param consumer                 logical name of the consuming function
 */
public record QueueSpec(String logicalName, int visibilityTimeoutSeconds, int maxReceiveCount,
                        int retentionSeconds, int batchSize, int maxBatchingWindowSeconds, String consumer) {

    /** Dead-letter queues keep messages for the SQS maximum, 14 days. */
    public static final int DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

    public String deadLetterName() {
        return logicalName + "-dlq";
    }
}
