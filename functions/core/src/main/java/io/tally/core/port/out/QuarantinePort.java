package io.tally.core.port.out;

import io.tally.core.domain.quarantine.QuarantineBatch;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Durable storage of rejected events, partitioned by brand, date and reason. */
public interface QuarantinePort {

    /**
     * Stores a batch; throws if it could not be stored durably.
     *
     * @throws QueueUnavailableException when the store did not take it (the request must then fail with 503)
     */
    void store(QuarantineBatch batch);

    /** Number of quarantined events per reason on {@code date}. */
    Map<String, Long> countsByReason(String brandId, LocalDate date);

    /** Stored batches of a date, optionally of one reason only (null for all). */
    List<QuarantineBatch> list(String brandId, LocalDate date, String reason);

    /** Removes a stored batch (after its events were replayed or re-filed). */
    void remove(QuarantineBatch batch);
}
