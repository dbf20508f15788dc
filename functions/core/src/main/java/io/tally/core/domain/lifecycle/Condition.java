package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A compiled stage condition over {@link LifecycleFacts} at an evaluation time. Built by {@link StageModelParser}
 * from configuration, or with the factories here. Evaluation does no map lookups and allocates nothing (except
 * for {@link #lifetimeValueAtLeast}).
 *
 * <p>Windows are exact: a fact at time {@code t} is "within d days" at {@code now} while
 * {@code now < t + d × 24 h}.
 */
public sealed interface Condition permits Conditions.LatestWithin, Conditions.CountWithin, Conditions.Member,
        Conditions.LifetimeValueAtLeast, Conditions.OrdersAtLeast, Conditions.All, Conditions.Any, Conditions.Not {

    /** Returned by {@link #changesAt} when the result cannot change by the passing of time alone. */
    long NEVER = Long.MAX_VALUE;

    boolean holds(LifecycleFacts facts, long nowMillis);

    /**
     * The earliest time (epoch ms, after {@code nowMillis}) at which {@link #holds} could change with no new facts,
     * or {@link #NEVER}. Never later than the real change, so re-evaluating then is always safe.
     */
    long changesAt(LifecycleFacts facts, long nowMillis);

    /** This condition as configuration (JSON-compatible maps, lists, strings, numbers and booleans). */
    Object definition();

    /** An exposure within {@code days} days. */
    static Condition exposureWithinDays(int days) {
        return new Conditions.LatestWithin("exposureWithinDays", Set.of(FactKind.EXPOSURE), days);
    }

    /** An order within {@code days} days. */
    static Condition lastPurchaseWithinDays(int days) {
        return new Conditions.LatestWithin("lastPurchaseWithinDays", Set.of(FactKind.PURCHASE), days);
    }

    /** A fact of any of {@code kinds} within {@code days} days. */
    static Condition interactionWithinDays(Set<FactKind> kinds, int days) {
        return new Conditions.LatestWithin("interactionWithinDays", kinds, days);
    }

    /**
     * Between {@code min} and {@code max} orders (inclusive; null for no bound) within {@code days} days;
     * {@code min <= }{@link LifecycleFacts#ORDER_HISTORY}, {@code max < }{@link LifecycleFacts#ORDER_HISTORY}.
     */
    static Condition ordersWithinDays(int days, Integer min, Integer max) {
        return new Conditions.CountWithin(Conditions.Series.ORDERS, days, min, max);
    }

    /** Visits (view, click, search, store visit) on at least {@code min} distinct UTC days within {@code days} days. */
    static Condition visitDaysWithinDays(int days, int min) {
        return new Conditions.CountWithin(Conditions.Series.VISIT_DAYS, days, min, null);
    }

    /** Whether the consumer is a member. */
    static Condition member(boolean member) {
        return new Conditions.Member(member);
    }

    /** Order value net of refunds at least {@code amount}. */
    static Condition lifetimeValueAtLeast(BigDecimal amount) {
        return new Conditions.LifetimeValueAtLeast(amount);
    }

    /** At least {@code orders} orders ever. */
    static Condition ordersAtLeast(long orders) {
        return new Conditions.OrdersAtLeast(orders);
    }

    static Condition all(List<Condition> conditions) {
        return new Conditions.All(conditions);
    }

    static Condition any(List<Condition> conditions) {
        return new Conditions.Any(conditions);
    }

    static Condition not(Condition condition) {
        return new Conditions.Not(condition);
    }
}
