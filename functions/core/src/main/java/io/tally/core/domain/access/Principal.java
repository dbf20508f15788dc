package io.tally.core.domain.access;

/** Who is calling: the brand and channel an authenticated key acts for. */
public record Principal(String brandId, String channelId, KeyRole role, String keyId) {
}
