package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the lifecycle stages need to know about one consumer. Every part folds commutatively (latest and
 * earliest times, counts, sums, the most recent order times and visit days), so {@link #fold(FactEvent)} gives the
 * same facts whatever the order of events, and {@link #merge(LifecycleFacts)} of two consumers' facts equals the
 * facts of all their events folded together. Folding is not idempotent: de-duplicate events before folding.
 * Times are kept to the millisecond.
 *
 * @param lastAt          the latest time of each fact kind (exposure, each interaction, purchase, refund,
 *                        membership joined/left, positive review, share)
 * @param firstPurchaseAt the earliest order, or null
 * @param orderCount      orders ever
 * @param orderValue      the sum of every order's amount
 * @param recentOrders    the {@link #ORDER_HISTORY} most recent order times
 * @param refundCount     refunds ever
 * @param refundValue     the sum of every refund's amount
 * @param firstJoinedAt   the earliest membership join, or null
 * @param visitDays       the {@link #VISIT_DAY_HISTORY} most recent UTC days with a view, click, search or store visit
 */
public record LifecycleFacts(KindTimes lastAt, Instant firstPurchaseAt, long orderCount, BigDecimal orderValue,
                             RecentTimes recentOrders, long refundCount, BigDecimal refundValue, Instant firstJoinedAt,
                             RecentDays visitDays) {

    /** How many recent order times are kept: "at least n orders within d days" is exact up to this n. */
    public static final int ORDER_HISTORY = 16;

    /** How many recent visit days are kept: "visits on at least n days within d days" is exact up to this n. */
    public static final int VISIT_DAY_HISTORY = 16;

    private static final LifecycleFacts EMPTY = new LifecycleFacts(KindTimes.empty(), null, 0, BigDecimal.ZERO,
            RecentTimes.empty(ORDER_HISTORY), 0, BigDecimal.ZERO, null, RecentDays.empty(VISIT_DAY_HISTORY));

    public LifecycleFacts {
        Objects.requireNonNull(lastAt, "lastAt");
        Objects.requireNonNull(orderValue, "orderValue");
        Objects.requireNonNull(recentOrders, "recentOrders");
        Objects.requireNonNull(refundValue, "refundValue");
        Objects.requireNonNull(visitDays, "visitDays");
        if (recentOrders.capacity() != ORDER_HISTORY || visitDays.capacity() != VISIT_DAY_HISTORY) {
            throw new IllegalArgumentException("recentOrders and visitDays must keep " + ORDER_HISTORY + " and "
                    + VISIT_DAY_HISTORY + " entries");
        }
        firstPurchaseAt = millis(firstPurchaseAt);
        firstJoinedAt = millis(firstJoinedAt);
    }

    public static LifecycleFacts empty() {
        return EMPTY;
    }

    /** These facts with {@code event} folded in. */
    public LifecycleFacts fold(FactEvent event) {
        long at = event.timestamp().toEpochMilli();
        FactKind kind = event.kind();
        KindTimes nextLastAt = lastAt.withLatest(kind, at);
        return switch (kind) {
            case PURCHASE -> new LifecycleFacts(nextLastAt, earliest(firstPurchaseAt, at), orderCount + 1,
                    orderValue.add(event.amount()), recentOrders.plus(at), refundCount, refundValue, firstJoinedAt,
                    visitDays);
            case REFUND -> new LifecycleFacts(nextLastAt, firstPurchaseAt, orderCount, orderValue, recentOrders,
                    refundCount + 1, refundValue.add(event.amount()), firstJoinedAt, visitDays);
            case MEMBERSHIP_JOINED -> new LifecycleFacts(nextLastAt, firstPurchaseAt, orderCount, orderValue,
                    recentOrders, refundCount, refundValue, earliest(firstJoinedAt, at), visitDays);
            default -> new LifecycleFacts(nextLastAt, firstPurchaseAt, orderCount, orderValue, recentOrders,
                    refundCount, refundValue, firstJoinedAt, kind.isVisit() ? visitDays.plus(at) : visitDays);
        };
    }

    /** These facts with every one of {@code events} folded in. */
    public LifecycleFacts foldAll(Iterable<FactEvent> events) {
        LifecycleFacts facts = this;
        for (FactEvent event : events) {
            facts = facts.fold(event);
        }
        return facts;
    }

    /** The facts of a consumer who did everything both did (for merging two profiles into one). */
    public LifecycleFacts merge(LifecycleFacts other) {
        return new LifecycleFacts(lastAt.merge(other.lastAt), earlier(firstPurchaseAt, other.firstPurchaseAt),
                orderCount + other.orderCount, orderValue.add(other.orderValue),
                recentOrders.merge(other.recentOrders), refundCount + other.refundCount,
                refundValue.add(other.refundValue), earlier(firstJoinedAt, other.firstJoinedAt),
                visitDays.merge(other.visitDays));
    }

    /** When {@code kind} last happened, or null if never. */
    public Instant lastAt(FactKind kind) {
        return lastAt.get(kind);
    }

    public Instant lastExposureAt() {
        return lastAt(FactKind.EXPOSURE);
    }

    public Instant lastPurchaseAt() {
        return lastAt(FactKind.PURCHASE);
    }

    public Instant lastRefundAt() {
        return lastAt(FactKind.REFUND);
    }

    public Instant lastPositiveReviewAt() {
        return lastAt(FactKind.REVIEW_POSITIVE);
    }

    public Instant lastShareAt() {
        return lastAt(FactKind.SHARE);
    }

    /**
     * Whether the consumer is a member now: the latest membership fact is a join (last writer wins by event time;
     * a join and a leave at the same millisecond count as left).
     */
    public boolean member() {
        long joined = lastAt.millis(FactKind.MEMBERSHIP_JOINED.ordinal());
        return joined != KindTimes.ABSENT && joined > lastAt.millis(FactKind.MEMBERSHIP_LEFT.ordinal());
    }

    /**
     * Since when the consumer is a member, or null if not a member: the first join if they never left after it,
     * otherwise the latest join (after leaving and re-joining, the exact re-join time is not kept).
     */
    public Instant memberSince() {
        if (!member()) {
            return null;
        }
        long left = lastAt.millis(FactKind.MEMBERSHIP_LEFT.ordinal());
        return firstJoinedAt != null && firstJoinedAt.toEpochMilli() > left
                ? firstJoinedAt : lastAt(FactKind.MEMBERSHIP_JOINED);
    }

    /** Order value net of refunds. */
    public BigDecimal lifetimeValue() {
        return orderValue.subtract(refundValue);
    }

    /** Orders in the {@code days} days before {@code now} (capped at {@link #ORDER_HISTORY}). */
    public int ordersWithinDays(Instant now, int days) {
        return recentOrders.countAfter(now.toEpochMilli() - days * RecentDays.DAY_MILLIS);
    }

    /** This state as compact bytes for storage; see {@link LifecycleFactsCodec} for the layout. */
    public byte[] toBytes() {
        return LifecycleFactsCodec.encode(this);
    }

    /** Restores the state written by {@link #toBytes()}. */
    public static LifecycleFacts fromBytes(byte[] bytes) {
        return LifecycleFactsCodec.decode(bytes);
    }

    private static Instant millis(Instant at) {
        return at == null ? null : Instant.ofEpochMilli(at.toEpochMilli());
    }

    private static Instant earliest(Instant current, long at) {
        return current != null && current.toEpochMilli() <= at ? current : Instant.ofEpochMilli(at);
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isBefore(a) ? a : b;
    }
}
