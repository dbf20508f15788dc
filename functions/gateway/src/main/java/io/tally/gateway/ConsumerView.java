package io.tally.gateway;

import io.micronaut.serde.annotation.Serdeable;
import io.tally.core.domain.consumer.ConsumerProfile;

import java.time.Instant;
import java.util.SortedSet;

/** A consumer profile as the admin API shows it. */
@Serdeable
public record ConsumerView(String consumerId, String brandId, long eventCount, Instant firstSeen, Instant lastSeen,
                           SortedSet<String> channels, SortedSet<String> identifiers) {

    static ConsumerView of(ConsumerProfile profile) {
        return new ConsumerView(profile.key().consumerId(), profile.key().brandId(), profile.eventCount(),
                profile.firstSeen(), profile.lastSeen(), profile.channels(), profile.identifiers());
    }
}
