package io.tally.core.domain.clv;

import io.tally.core.domain.lifecycle.LifecycleFacts;
import io.tally.core.domain.lifecycle.RecentTimes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A buyer's history as the CLV models read it, taken from the consumer's stored lifecycle facts: the BG/NBD
 * summary (x, tx, T) and the Gamma-Gamma spend summary.
 *
 * <p>Transactions are purchase <em>days</em> (in the brand's zone), as in the CDNOW analyses: several orders on one
 * day are one transaction, the first purchase day is time 0 and is not a repeat purchase, and times are whole days
 * converted to the model's time unit. See {@link #of} for what the facts allow and what is approximated.
 *
 * @param purchases the BG/NBD summary: x repeat purchase days, the last one tx after the first, T from the first
 *                  purchase day to the day of the valuation
 * @param spend     the mean value of all x + 1 purchase days, the first one included, net of refunds
 */
public record BuyerHistory(CustomerSummary purchases, SpendSummary spend) {

    /**
     * The history of a consumer as of {@code asOf}, or empty if the consumer had not bought by then.
     *
     * <ul>
     *   <li><b>Orders after {@code asOf}</b> (late events, or a valuation of an earlier date) are left out when their
     *       times are among the {@value LifecycleFacts#ORDER_HISTORY} most recent ones the facts keep.</li>
     *   <li><b>x</b> is the number of distinct purchase days after the first. It is exact when every order up to
     *       {@code asOf} is among the kept recent orders, or when the older ones all fall on the first purchase day.
     *       Otherwise each older order is counted as its own day, as far as the days between the first purchase and
     *       the oldest kept order allow: an upper bound.</li>
     *   <li><b>tx</b> is the day of the latest order up to {@code asOf}, exact; <b>T</b> runs to the day of
     *       {@code asOf}.</li>
     *   <li><b>Spend</b>: the facts keep the sum of the order values, not each order's, so the mean is taken over all
     *       x + 1 purchase days: (order value &minus; refund value) &divide; (x + 1), scaled by the share of orders
     *       up to {@code asOf} when some came later, and never below 0. The CDNOW convention averages the repeat
     *       purchases only; docs/clv.md measures the difference. Refunds lower the spend but never the purchase
     *       count, and are netted whenever they happened (the facts do not date each refund's amount).</li>
     * </ul>
     *
     * @param zone        the zone whose calendar days count as transactions (the brand's; UTC by default)
     * @param daysPerUnit length of the model's time unit in days, e.g. 7 for weeks
     * @throws IllegalArgumentException if every kept order time is after {@code asOf} while older orders exist, so
     *                                  the history as of {@code asOf} is unknown
     */
    public static Optional<BuyerHistory> of(LifecycleFacts facts, Instant asOf, ZoneId zone, double daysPerUnit) {
        if (!(daysPerUnit > 0) || Double.isInfinite(daysPerUnit)) {
            throw new IllegalArgumentException("daysPerUnit must be positive and finite, got " + daysPerUnit);
        }
        Instant first = facts.firstPurchaseAt();
        if (first == null || first.isAfter(asOf) || facts.orderCount() == 0) {
            return Optional.empty();
        }
        RecentTimes recent = facts.recentOrders();
        long asOfMillis = asOf.toEpochMilli();
        int later = 0;
        while (later < recent.size() && recent.millisAt(later) > asOfMillis) {
            later++;
        }
        int kept = recent.size() - later;
        long orders = facts.orderCount() - later;
        if (kept == 0) {
            throw new IllegalArgumentException("the " + recent.size() + " most recent orders are all after " + asOf
                    + ", so the purchase history as of then is unknown");
        }
        long firstDay = day(first.toEpochMilli(), zone);
        long latestDay = day(recent.millisAt(later), zone);
        long oldestKeptDay = day(recent.millisAt(recent.size() - 1), zone);
        int keptDays = 0;
        long previousDay = Long.MIN_VALUE;
        for (int i = later; i < recent.size(); i++) {
            long orderDay = day(recent.millisAt(i), zone);
            if (orderDay != previousDay) {
                keptDays++;
                previousDay = orderDay;
            }
        }
        long hidden = orders - kept;
        long repeatDays = keptDays - 1;
        if (hidden > 0 && oldestKeptDay > firstDay) {
            // the first purchase day, plus the other hidden orders on distinct days between it and the oldest kept
            repeatDays = keptDays + Math.min(hidden - 1, oldestKeptDay - firstDay - 1);
        }
        int x = Math.toIntExact(repeatDays);
        double tx = x == 0 ? 0 : (latestDay - firstDay) / daysPerUnit;
        double T = (day(asOfMillis, zone) - firstDay) / daysPerUnit;

        BigDecimal net = facts.lifetimeValue();
        double value = net.signum() <= 0 ? 0 : net.doubleValue() * orders / facts.orderCount();
        return Optional.of(new BuyerHistory(new CustomerSummary(x, tx, T), new SpendSummary(x + 1, value / (x + 1))));
    }

    private static long day(long epochMillis, ZoneId zone) {
        return ChronoUnit.DAYS.between(LocalDate.EPOCH, Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate());
    }
}
