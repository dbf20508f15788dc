package io.tally.core.port.out;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;

import java.util.Collection;
import java.util.Map;

/** Reads many profiles at once (audience exports). */
public interface ProfileBatchLoadPort {

    /** The stored profiles among {@code keys}; missing ones are left out. */
    Map<ConsumerKey, ConsumerProfile> loadAll(Collection<ConsumerKey> keys);
}
