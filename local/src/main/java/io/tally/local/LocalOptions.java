package io.tally.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to run the local stack.
 *
 * @param port       HTTP port of the gateway on 127.0.0.1 (0 picks a free one)
 * @param dataDir    where to persist tables and objects; empty keeps everything in memory
 * @param retryDelay when set, a message whose processing failed becomes visible again after this delay
 *                   instead of the queue's full visibility timeout (a local shortcut for fast retries)
 * @param schedules  whether to fire the catalog's schedules at their times of day
 * @param consumers  whether to poll the queues and invoke their consuming functions (tests that inspect
 *                   queued messages turn this off)
 */
public record LocalOptions(int port, Optional<Path> dataDir, Optional<Duration> retryDelay, boolean schedules,
                           boolean consumers) {

    public static LocalOptions forTests() {
        return new LocalOptions(0, Optional.empty(), Optional.of(Duration.ofMillis(200)), false, true);
    }

    /** The same options without queue consumers: messages stay on the queues. */
    public LocalOptions withoutConsumers() {
        return new LocalOptions(port, dataDir, retryDelay, schedules, false);
    }
}
