package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tally.core.domain.consumer.ConsumerProfile;

import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A consumer profile as the admin API shows it: identifiers as stored (phone and email as keyed hashes),
 * traits and consent with the event time they were set at.
 */
@Serdeable
public record ConsumerView(String consumerId, String brandId, long eventCount, @Nullable Instant firstSeen,
                           @Nullable Instant lastSeen, SortedSet<String> channels, SortedSet<String> identifiers,
                           Map<String, Setting> traits, Map<String, Setting> consent,
                           SortedSet<String> mergedFrom) {

    /** A value and when it was set. */
    @Serdeable
    public record Setting(@Nullable Object value, Instant at) {
    }

    static ConsumerView of(ConsumerProfile profile) {
        Map<String, Setting> traits = new TreeMap<>();
        profile.traits().forEach((name, timed) -> traits.put(name, new Setting(timed.value(), timed.at())));
        Map<String, Setting> consent = new TreeMap<>();
        profile.consent().forEach((name, timed) -> consent.put(name, new Setting(timed.value(), timed.at())));
        return new ConsumerView(profile.key().consumerId(), profile.key().brandId(), profile.eventCount(),
                profile.firstSeen(), profile.lastSeen(), profile.channels(), profile.identifiers(), traits, consent,
                profile.mergedFrom());
    }
}
