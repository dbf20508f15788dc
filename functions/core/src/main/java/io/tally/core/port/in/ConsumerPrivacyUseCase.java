package io.tally.core.port.in;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;

import java.time.Instant;
import java.util.List;

/** Consent statements and erasure of a consumer. */
public interface ConsumerPrivacyUseCase {

    /**
     * Records consent for a purpose on a channel ({@code *} for all), last-writer-wins by {@code at}.
     *
     * @throws ConsumerNotFoundException when the brand has no such consumer
     */
    ConsumerProfile recordConsent(ConsumerKey key, String purpose, String channel, boolean granted, Instant at);

    /**
     * Erases the consumer: profile, merged-away redirects and identity links; its identifiers are blocked for the
     * brand's block period so in-flight events do not bring it back.
     *
     * @throws ConsumerNotFoundException when the brand has no such consumer
     */
    ErasureReport erase(ConsumerKey key);

    /** What an erasure removed. */
    record ErasureReport(String consumerId, int profilesDeleted, List<String> identifiersBlocked,
                         Instant blockedUntil, Instant erasedAt) {
    }

    /** The brand has no consumer with this id. */
    class ConsumerNotFoundException extends RuntimeException {
        public ConsumerNotFoundException(ConsumerKey key) {
            super("no consumer " + key.consumerId() + " in brand " + key.brandId());
        }
    }
}
