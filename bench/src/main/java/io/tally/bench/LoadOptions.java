package io.tally.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of one {@link GatewayLoad} run, read from {@code --name value} arguments.
 *
 * @param threads        sender threads, each posting one request at a time
 * @param batchSize      events per {@code POST /v1/batch}
 * @param duration       measured time
 * @param warmup         time sent before the measurement starts (its events are still verified)
 * @param consumers      distinct anonymous ids the events are spread over
 * @param seed           seed of the event data; also names the run's ids, so runs against one stack need different
 *                       seeds
 * @param target         a running gateway to load instead of starting the local stack in this process
 * @param writeKey       channel write key for {@code target}
 * @param adminKey       brand admin key for {@code target}, to verify delivery through the consumer API
 * @param processor      whether the in-process stack runs its queue consumers; without them the check counts the
 *                       events on the ingest queue
 * @param rateLimit      events per second and burst per key of the in-process gateway
 * @param deliverTimeout how long to wait for every accepted event to be processed (or queued)
 */
record LoadOptions(int threads, int batchSize, Duration duration, Duration warmup, int consumers, long seed,
                   Optional<URI> target, Optional<String> writeKey, Optional<String> adminKey, boolean processor,
                   long rateLimit, Duration deliverTimeout) {

    static final String USAGE = """
            usage: GatewayLoad [--threads 4] [--batch 100] [--duration 30] [--warmup 5] [--consumers 5000]
                               [--seed 42] [--no-processor] [--rate-limit 1000000000] [--deliver-timeout 900]
                               [--url http://host:port --write-key KEY [--admin-key KEY]]
              durations in seconds. Without --url the whole local stack starts in this process (brand 'load',
              channel 'web'); --no-processor leaves its queue consumers off and counts the queued events instead.
              With --url the events go to that gateway; --admin-key lets the run verify delivery.""";

    LoadOptions {
        if (threads < 1 || batchSize < 1 || consumers < 1 || rateLimit < 1) {
            throw new IllegalArgumentException("threads, batch, consumers and rate-limit must be positive");
        }
        if (target.isPresent() && writeKey.isEmpty()) {
            throw new IllegalArgumentException("--url needs --write-key");
        }
        if (target.isPresent() && !processor) {
            throw new IllegalArgumentException("--no-processor applies to the in-process stack only");
        }
    }

    static LoadOptions parse(String... args) {
        int threads = 4;
        int batchSize = 100;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(5);
        int consumers = 5000;
        long seed = 42;
        URI target = null;
        String writeKey = null;
        String adminKey = null;
        boolean processor = true;
        long rateLimit = 1_000_000_000L;
        Duration deliverTimeout = Duration.ofSeconds(900);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-processor")) {
                processor = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--threads" -> threads = Integer.parseInt(value);
                case "--batch" -> batchSize = Integer.parseInt(value);
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value));
                case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
                case "--consumers" -> consumers = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--url" -> target = URI.create(value);
                case "--write-key" -> writeKey = value;
                case "--admin-key" -> adminKey = value;
                case "--rate-limit" -> rateLimit = Long.parseLong(value);
                case "--deliver-timeout" -> deliverTimeout = Duration.ofSeconds(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new LoadOptions(threads, batchSize, duration, warmup, consumers, seed, Optional.ofNullable(target),
                Optional.ofNullable(writeKey), Optional.ofNullable(adminKey), processor, rateLimit, deliverTimeout);
    }

    boolean inProcess() {
        return target.isEmpty();
    }

    /** Prefix of every anonymous and message id of this run. */
    String runTag() {
        return "load" + seed;
    }

    /** The anonymous id of consumer {@code index} of this run. */
    String anonymousId(int index) {
        return runTag() + "-c" + index;
    }
}
