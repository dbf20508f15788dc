package io.tally.core.port.out;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.DayLog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lifecycle indexes over profiles and the daily roll-ups. The indexes are derived from the profiles'
 * lifecycle state (in DynamoDB: sparse global secondary indexes), so they are exactly as current as the profiles.
 */
public interface LifecycleStorePort {

    /** Brands known to Tally (every brand that was issued a key). */
    List<String> brands();

    /** Consumers of {@code brandId} indexed for re-evaluation on {@code day}. */
    List<ConsumerKey> dueForReview(String brandId, LocalDate day);

    /** The day log of processing day {@code day} of every consumer of {@code brandId} that holds one. */
    Map<ConsumerKey, DayLog> dayLogs(String brandId, LocalDate day);

    /**
     * Stores the roll-up of one processing day: its flows and, per day the orders happened, its commerce.
     * Idempotent: storing the same day again replaces it.
     */
    void saveRollup(String brandId, DayLog total);

    /** The flows of the stored roll-up of processing day {@code day} (its commerce is read by order day). */
    Optional<DayLog> rollup(String brandId, LocalDate day);

    /** Commerce of orders placed on {@code day}, by channel, summed over every stored roll-up. */
    Map<String, DailyMetrics> commerce(String brandId, LocalDate day);
}
