package io.tally.gateway;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key token buckets of events per second, in this gateway instance. A request costs one token per event
 * it carries. With N concurrent instances the effective ceiling per key is at most N times the configured rate;
 * the HTTP API's stage throttling bounds the total (docs/operations.md).
 */
@Singleton
public class RateLimiter {

    private final long eventsPerSecond;
    private final long burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(@Value("${tally.gateway.rate-limit.events-per-second:5000}") long eventsPerSecond,
                       @Value("${tally.gateway.rate-limit.burst:10000}") long burst) {
        if (eventsPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("tally.gateway.rate-limit.* must be positive");
        }
        this.eventsPerSecond = eventsPerSecond;
        this.burst = burst;
    }

    /**
     * Takes {@code events} tokens from the key's bucket.
     *
     * @throws RateLimitedException when the bucket has too few; nothing is taken then
     */
    public void acquire(String keyId, int events) {
        if (events > burst) {
            throw new RateLimitedException(Math.max(1, (events + eventsPerSecond - 1) / eventsPerSecond),
                    "a request of " + events + " events exceeds the burst limit of " + burst);
        }
        Bucket bucket = buckets.computeIfAbsent(keyId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(eventsPerSecond, Duration.ofSeconds(1))
                        .build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(Math.max(1, events));
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new RateLimitedException(seconds, "key " + keyId + " is over its limit of " + eventsPerSecond
                    + " events per second");
        }
    }
}
