package io.tally.core.domain.identity;

import io.tally.core.domain.consumer.IdentifierType;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A brand's identity rules.
 *
 * @param mergeOn            identifier types whose co-occurrence in one event may merge two consumers (device ids,
 *                           shared by many people, are left out by default)
 * @param maxIdentifiers     most identifiers linked to one consumer; further ones are not linked
 * @param defaultCallingCode calling code (e.g. {@code 86}) for phone numbers given without one; null to reject them
 * @param erasureBlock       how long an erased consumer's identifiers stay blocked, so in-flight events do not
 *                           recreate the consumer
 */
public record IdentityPolicy(Set<IdentifierType> mergeOn, int maxIdentifiers, String defaultCallingCode,
                             Duration erasureBlock) {

    public static final IdentityPolicy DEFAULT = new IdentityPolicy(EnumSet.of(IdentifierType.USER_ID,
            IdentifierType.MEMBER, IdentifierType.EMAIL, IdentifierType.PHONE, IdentifierType.ANONYMOUS_ID), 25, null,
            Duration.ofDays(30));

    public IdentityPolicy {
        mergeOn = mergeOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(mergeOn));
        if (maxIdentifiers < 1) {
            throw new IllegalArgumentException("maxIdentifiers must be at least 1");
        }
        if (defaultCallingCode != null && !defaultCallingCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("defaultCallingCode must be 1 to 3 digits, e.g. 86");
        }
        if (erasureBlock == null || erasureBlock.isNegative()) {
            throw new IllegalArgumentException("erasureBlock must be a non-negative duration");
        }
    }

    public boolean mayMerge(IdentifierType type) {
        return mergeOn.contains(type);
    }
}
