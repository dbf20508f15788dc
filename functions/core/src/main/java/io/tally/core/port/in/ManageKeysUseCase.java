package io.tally.core.port.in;

import io.tally.core.domain.access.ApiKey;
import io.tally.core.domain.access.IssuedKey;

import java.time.Duration;
import java.util.List;

/** A brand's admin manages its channels' write keys. */
public interface ManageKeysUseCase {

    /** Every key of the brand (digests are never shown). */
    List<ApiKey> list(String brandId);

    /** Issues a new write key for {@code channelId}. */
    IssuedKey create(String brandId, String channelId);

    /**
     * Issues a new write key for the same channel and lets the old one work for {@code grace} more, so senders
     * can switch without losing events.
     *
     * @throws io.tally.core.domain.access.KeyNotFoundException when the brand has no such write key
     */
    IssuedKey rotate(String brandId, String keyId, Duration grace);

    /**
     * Stops a write key now.
     *
     * @throws io.tally.core.domain.access.KeyNotFoundException when the brand has no such write key
     */
    ApiKey revoke(String brandId, String keyId);
}
