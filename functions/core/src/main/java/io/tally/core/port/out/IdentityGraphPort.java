package io.tally.core.port.out;

import io.tally.core.domain.identity.Identifier;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Links from identifiers to the consumer they belong to, per brand. A link is created only if absent (conditional
 * write), so concurrent processors agree on one owner; an erased consumer's identifiers stay blocked for a while.
 */
public interface IdentityGraphPort {

    /**
     * The current link of each identifier that has one.
     *
     * @param consumerId   owner (possibly a merged-away consumer: follow its redirect)
     * @param blockedUntil set when the identifier belongs to an erased consumer: events carrying it are dropped
     *                     until then
     */
    record Link(String consumerId, Instant blockedUntil) {
        public boolean blockedAt(Instant now) {
            return blockedUntil != null && now.isBefore(blockedUntil);
        }
    }

    Map<Identifier, Link> find(String brandId, Collection<Identifier> identifiers);

    /**
     * Links {@code identifier} to {@code consumerId} unless it is linked already or blocked at {@code now}; false if
     * it was. A block that has ended by {@code now} counts as absent and is replaced.
     */
    boolean linkIfAbsent(String brandId, Identifier identifier, String consumerId, Instant now);

    /** Replaces the link by a block that keeps the identifier from being linked again until {@code until}. */
    void block(String brandId, Identifier identifier, Instant until);
}
