package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsentQuestion;

import java.time.Instant;

/**
 * What a segment rule reads about one consumer. Implemented over the stored profile by its adapter; every method
 * must be cheap and free of side effects, since one consumer is matched against every segment of its brand.
 *
 * <p>A rolling window of {@code days} ending at {@code now} holds the instants {@code t} with
 * {@code now − days × 24 h ≤ t ≤ now}.
 */
public interface SegmentSubject {

    /** The consumer's id; never null. Sample buckets are derived from it. */
    String consumerId();

    /** The trait's value (a String, Number, Boolean, List or Map as JSON gives it), or null when it has none. */
    Object trait(String name);

    /** The consumer's stage in the lifecycle {@code model} (for example {@code "aipl"} → {@code "P"}), or null. */
    String stage(String model);

    /** Orders placed in the rolling window of {@code days} ending at {@code now}. */
    long ordersWithinDays(int days, Instant now);

    /** Gross merchandise value of the orders in the rolling window of {@code days} ending at {@code now}. */
    double gmvWithinDays(int days, Instant now);

    /** When the consumer last ordered, or null if never. */
    Instant lastPurchase();

    /** Estimated customer lifetime value; NaN while not estimated (every comparison with NaN is false). */
    double clv();

    /** Estimated probability that the consumer is still active; NaN while not estimated. */
    double pAlive();

    /** Whether the consumer was ever seen in {@code channel}. */
    boolean seenInChannel(String channel);

    /** Events named {@code eventName} in the rolling window of {@code days} ending at {@code now}. */
    int eventCountWithinDays(String eventName, int days, Instant now);

    /**
     * Whether the consumer granted the question's purpose on its channel ({@code "*"}: a grant covering every
     * channel), decided by {@link io.tally.core.domain.consumer.ConsentRule}. False when refused or never asked.
     */
    boolean consent(ConsentQuestion question);

    /** {@link #consent(ConsentQuestion)} of a question asked once. */
    default boolean consent(String purpose, String channel) {
        return consent(ConsentQuestion.of(purpose, channel));
    }
}
