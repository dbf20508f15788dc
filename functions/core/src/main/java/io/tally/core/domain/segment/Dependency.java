package io.tally.core.domain.segment;

/**
 * An input a segment rule reads. A change to a consumer that touches none of a rule's dependencies cannot change
 * whether the consumer matches it, so the rule need not be evaluated again.
 */
public enum Dependency {
    /** Traits ({@code trait}); {@link CompiledRule#traitNames()} says which. */
    TRAITS,
    /** Lifecycle stages ({@code stage}). */
    STAGE,
    /** Orders and their value ({@code orders}, {@code gmv}, {@code daysSinceLastPurchase}). */
    ORDERS,
    /** Counts of named events ({@code event}); {@link CompiledRule#eventNames()} says which. */
    EVENTS,
    /** Estimated lifetime value ({@code clv}). */
    CLV,
    /** Estimated probability of being alive ({@code pAlive}). */
    P_ALIVE,
    /** Consent ({@code consent}). */
    CONSENT,
    /** Channels the consumer was seen in ({@code channel}). */
    CHANNELS,
    /**
     * The clock: the rule reads a rolling window or the days since an instant, so a consumer's membership can
     * change with no change to the consumer, and the daily recompute must evaluate it.
     */
    TIME
}
