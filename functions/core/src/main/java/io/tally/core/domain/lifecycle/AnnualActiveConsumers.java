package io.tally.core.domain.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * AAC, annual active consumers: distinct consumers who purchased in the 365 days ending with {@code asOf}
 * (days {@code asOf − 364} … {@code asOf}, inclusive, in the brand's zone; UTC unless given). Since a consumer
 * counts once whatever the number of orders, only each consumer's last purchase time matters.
 *
 * <p>How the system keeps it (docs/lifecycle.md): an exact count is the scan {@link #count}; the running counter
 * adds {@link #delta} when a consumer's last purchase moves, and the daily job subtracts the consumers whose last
 * purchase day is {@link #leavesOn} that day.
 */
public final class AnnualActiveConsumers {

    /** Days in the trailing window. */
    public static final int WINDOW_DAYS = 365;

    private AnnualActiveConsumers() {
    }

    /** The exact AAC as of {@code asOf} (UTC days) from every consumer's last purchase time (null: never bought). */
    public static long count(Stream<Instant> lastPurchaseTimes, LocalDate asOf) {
        return count(lastPurchaseTimes, asOf, ZoneOffset.UTC);
    }

    /** The exact AAC as of {@code asOf} in {@code zone}. */
    public static long count(Stream<Instant> lastPurchaseTimes, LocalDate asOf, ZoneId zone) {
        Instant from = windowStart(asOf, zone);
        Instant until = asOf.plusDays(1).atStartOfDay(zone).toInstant();
        return lastPurchaseTimes.filter(Objects::nonNull)
                .filter(at -> !at.isBefore(from) && at.isBefore(until))
                .count();
    }

    /** Whether a consumer whose last purchase is {@code lastPurchase} counts as of {@code asOf}. */
    public static boolean isActive(Instant lastPurchase, LocalDate asOf, ZoneId zone) {
        return lastPurchase != null && !lastPurchase.isBefore(windowStart(asOf, zone))
                && lastPurchase.isBefore(asOf.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The first instant of the window ending with {@code asOf}: the start of day {@code asOf − 364}. */
    public static Instant windowStart(LocalDate asOf, ZoneId zone) {
        return asOf.minusDays(WINDOW_DAYS - 1L).atStartOfDay(zone).toInstant();
    }

    /** The first day on which a consumer whose last purchase is {@code lastPurchase} no longer counts. */
    public static LocalDate leavesOn(Instant lastPurchase, ZoneId zone) {
        return LocalDate.ofInstant(lastPurchase, zone).plusDays(WINDOW_DAYS);
    }

    /**
     * The change to the running count as of {@code today} when a consumer's last purchase moves from
     * {@code before} (null: never) to {@code after}: +1 when they were not active and now are, else 0 (a last
     * purchase only moves forward, so a consumer never leaves by buying).
     */
    public static int delta(Instant before, Instant after, LocalDate today, ZoneId zone) {
        return !isActive(before, today, zone) && isActive(after, today, zone) ? 1 : 0;
    }
}
