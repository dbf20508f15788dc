package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * One day's commerce counters of a brand (or of one write shard of them). Pure sums, so shards and
 * redelivered-then-deduplicated batches add up in any order.
 *
 * @param orders       orders placed
 * @param orderValue   their total amount
 * @param refunds      refunds issued
 * @param refundValue  their total amount
 * @param buyers       distinct consumers who ordered that day (counted by the caller: +1 on a consumer's first order
 *                     of the day)
 * @param repeatBuyers those of {@code buyers} who had ordered before that day
 */
public record DailyMetrics(long orders, BigDecimal orderValue, long refunds, BigDecimal refundValue, long buyers,
                           long repeatBuyers) {

    private static final DailyMetrics EMPTY = new DailyMetrics(0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, 0);
    private static final int RATE_SCALE = 4;

    public DailyMetrics {
        Objects.requireNonNull(orderValue, "orderValue");
        Objects.requireNonNull(refundValue, "refundValue");
        if (orders < 0 || refunds < 0 || buyers < 0 || repeatBuyers < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    public static DailyMetrics empty() {
        return EMPTY;
    }

    /** These counters with one fact added: orders and refunds count, other kinds change nothing. */
    public DailyMetrics fold(FactEvent fact) {
        return switch (fact.kind()) {
            case PURCHASE -> new DailyMetrics(orders + 1, orderValue.add(fact.amount()), refunds, refundValue, buyers,
                    repeatBuyers);
            case REFUND -> new DailyMetrics(orders, orderValue, refunds + 1, refundValue.add(fact.amount()), buyers,
                    repeatBuyers);
            default -> this;
        };
    }

    /** These counters with {@code buyers} more buyers, {@code repeatBuyers} of them repeat buyers. */
    public DailyMetrics plusBuyers(long buyers, long repeatBuyers) {
        if (repeatBuyers > buyers) {
            throw new IllegalArgumentException("repeat buyers cannot exceed buyers");
        }
        return new DailyMetrics(orders, orderValue, refunds, refundValue, this.buyers + buyers,
                this.repeatBuyers + repeatBuyers);
    }

    /** The sum of two shards; buyers add up because shards partition consumers. */
    public DailyMetrics plus(DailyMetrics other) {
        return new DailyMetrics(orders + other.orders, orderValue.add(other.orderValue), refunds + other.refunds,
                refundValue.add(other.refundValue), buyers + other.buyers, repeatBuyers + other.repeatBuyers);
    }

    /** Gross merchandise value: order value minus refunded value. */
    public BigDecimal gmv() {
        return orderValue.subtract(refundValue);
    }

    /** Average order value (order value ÷ orders, at least cent precision, half-even), or empty without orders. */
    public Optional<BigDecimal> averageOrderValue() {
        if (orders == 0) {
            return Optional.empty();
        }
        int scale = Math.max(2, orderValue.scale());
        return Optional.of(orderValue.divide(BigDecimal.valueOf(orders), scale, RoundingMode.HALF_EVEN));
    }

    /** Share of buyers who had ordered before (0–1, four decimals, half-even), or empty without buyers. */
    public Optional<BigDecimal> repeatPurchaseRate() {
        if (buyers == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(repeatBuyers).divide(BigDecimal.valueOf(buyers), RATE_SCALE,
                RoundingMode.HALF_EVEN));
    }
}
