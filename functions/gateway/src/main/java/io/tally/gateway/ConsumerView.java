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
                           SortedSet<String> mergedFrom, Map<String, Stage> stages, Facts facts) {

    /** The consumer's stage in one lifecycle model (null: none) and when time alone could change it. */
    @Serdeable
    public record Stage(@Nullable String stage, @Nullable Instant expiresAt) {
    }

    /** Commerce and membership facts of the consumer. */
    @Serdeable
    public record Facts(long orders, java.math.BigDecimal orderValue, long refunds, java.math.BigDecimal refundValue,
                        @Nullable Instant firstPurchaseAt, @Nullable Instant lastPurchaseAt, boolean member) {
    }

    /** A value and when it was set. */
    @Serdeable
    public record Setting(@Nullable Object value, Instant at) {
    }

    static ConsumerView of(ConsumerProfile profile) {
        Map<String, Setting> traits = new TreeMap<>();
        profile.traits().forEach((name, timed) -> traits.put(name, new Setting(timed.value(), timed.at())));
        Map<String, Setting> consent = new TreeMap<>();
        profile.consent().forEach((name, timed) -> consent.put(name, new Setting(timed.value(), timed.at())));
        Map<String, Stage> stages = new TreeMap<>();
        profile.lifecycle().stages().forEach((model, assignment) ->
                stages.put(model, new Stage(assignment.stageCode(), assignment.expiresAt())));
        var f = profile.lifecycle().facts();
        Facts facts = new Facts(f.orderCount(), f.orderValue(), f.refundCount(), f.refundValue(), f.firstPurchaseAt(),
                f.lastPurchaseAt(), f.member());
        return new ConsumerView(profile.key().consumerId(), profile.key().brandId(), profile.eventCount(),
                profile.firstSeen(), profile.lastSeen(), profile.channels(), profile.identifiers(), traits, consent,
                profile.mergedFrom(), stages, facts);
    }
}
