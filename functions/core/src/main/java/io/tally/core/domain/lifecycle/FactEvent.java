package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One lifecycle-relevant fact about a consumer, as mapped from a tracked event by {@link EventMapping}.
 *
 * @param kind      what happened
 * @param timestamp when it happened (facts keep millisecond precision)
 * @param amount    the order or refund amount for {@link FactKind#PURCHASE}/{@link FactKind#REFUND}, zero otherwise;
 *                  never negative, in the brand's currency
 */
public record FactEvent(FactKind kind, Instant timestamp, BigDecimal amount) {

    public FactEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timestamp, "timestamp");
        amount = amount == null || !kind.isMonetary() ? BigDecimal.ZERO : amount;
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
    }

    public static FactEvent of(FactKind kind, Instant timestamp) {
        return new FactEvent(kind, timestamp, BigDecimal.ZERO);
    }

    public static FactEvent purchase(Instant timestamp, BigDecimal amount) {
        return new FactEvent(FactKind.PURCHASE, timestamp, amount);
    }

    public static FactEvent refund(Instant timestamp, BigDecimal amount) {
        return new FactEvent(FactKind.REFUND, timestamp, amount);
    }
}
