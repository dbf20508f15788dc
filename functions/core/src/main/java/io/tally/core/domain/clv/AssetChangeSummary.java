package io.tally.core.domain.clv;

import java.math.BigDecimal;

/**
 * How the consumer asset changed between two report dates ({@link AssetChange}). Value amounts are exact sums of the
 * consumers' valuations, so the growth splits exactly: {@code valueGrowth() = newConsumersValue - goneConsumersValue
 * + newBuyersValueChange + buyersValueChange + nonBuyersValueChange}.
 *
 * @param consumersBefore      consumers on the earlier date
 * @param consumersAfter       consumers on the later date
 * @param newConsumers         consumers on the later date only
 * @param goneConsumers        consumers on the earlier date only: erased, or merged into another profile
 * @param newBuyers            buyers on the later date who were not buyers (or not yet consumers) on the earlier one
 * @param churnedBuyers        buyers alive on the earlier date (P(alive) at least the threshold) who are gone or no
 *                             longer alive on the later one
 * @param reactivatedBuyers    buyers not alive on the earlier date who are alive on the later one
 * @param valueBefore          the asset on the earlier date
 * @param valueAfter           the asset on the later date
 * @param newConsumersValue    the later value of the new consumers
 * @param goneConsumersValue   the earlier value of the gone consumers
 * @param newBuyersValueChange later minus earlier value of consumers who were non-buyers on the earlier date and are
 *                             buyers on the later one
 * @param buyersValueChange    later minus earlier value of consumers who were buyers on both dates
 * @param nonBuyersValueChange later minus earlier value of consumers who were non-buyers on both dates
 * @param churnedBuyersValue   the earlier value of the churned buyers
 */
public record AssetChangeSummary(long consumersBefore, long consumersAfter, long newConsumers, long goneConsumers,
                                 long newBuyers, long churnedBuyers, long reactivatedBuyers, BigDecimal valueBefore,
                                 BigDecimal valueAfter, BigDecimal newConsumersValue, BigDecimal goneConsumersValue,
                                 BigDecimal newBuyersValueChange, BigDecimal buyersValueChange,
                                 BigDecimal nonBuyersValueChange, BigDecimal churnedBuyersValue) {

    /** The later value minus the earlier one. */
    public BigDecimal valueGrowth() {
        return valueAfter.subtract(valueBefore);
    }

    /** The growth relative to the earlier value, or NaN when the earlier value was 0. */
    public double growthRate() {
        return valueBefore.signum() == 0 ? Double.NaN : valueGrowth().doubleValue() / valueBefore.doubleValue();
    }
}
