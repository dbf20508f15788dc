package io.tally.core.domain.consumer;

import java.util.Objects;

/** Identifies one consumer within one brand; consumers never cross brands. */
public record ConsumerKey(String brandId, String consumerId) {

    public ConsumerKey {
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(consumerId, "consumerId");
    }
}
