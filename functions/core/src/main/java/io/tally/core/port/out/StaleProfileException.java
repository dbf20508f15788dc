package io.tally.core.port.out;

import io.tally.core.domain.consumer.ConsumerKey;

/** A conditional profile write lost a race: the stored profile changed since it was read. */
public class StaleProfileException extends RuntimeException {

    public StaleProfileException(ConsumerKey key) {
        super("profile " + key.consumerId() + " of brand " + key.brandId() + " changed concurrently");
    }
}
