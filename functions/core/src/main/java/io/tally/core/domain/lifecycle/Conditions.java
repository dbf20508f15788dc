package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The compiled {@link Condition}s. Each keeps what evaluation needs precomputed (ordinals, window lengths). */
final class Conditions {

    static final int MAX_DAYS = 3650;

    private Conditions() {
    }

    private static long window(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ": " + days);
        }
        return days * RecentDays.DAY_MILLIS;
    }

    /** Base for equality by definition. */
    private abstract static class Defined {

        abstract Object definition();

        @Override
        public final boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && definition().equals(((Defined) o).definition());
        }

        @Override
        public final int hashCode() {
            return definition().hashCode();
        }

        @Override
        public final String toString() {
            return JsonText.compact(definition());
        }
    }

    /** The latest fact of any of the kinds is within the window. */
    static final class LatestWithin extends Defined implements Condition {
        private final String name;
        private final Set<FactKind> kinds;
        private final int days;
        private final int[] ordinals;
        private final long window;

        LatestWithin(String name, Set<FactKind> kinds, int days) {
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("kinds must not be empty");
            }
            this.name = name;
            this.kinds = EnumSet.copyOf(kinds);
            this.days = days;
            this.ordinals = this.kinds.stream().mapToInt(Enum::ordinal).toArray();
            this.window = window(days);
        }

        private long latest(LifecycleFacts facts) {
            long latest = KindTimes.ABSENT;
            KindTimes lastAt = facts.lastAt();
            for (int ordinal : ordinals) {
                latest = Math.max(latest, lastAt.millis(ordinal));
            }
            return latest;
        }

        @Override
        public boolean holds(LifecycleFacts facts, long nowMillis) {
            long latest = latest(facts);
            return latest != KindTimes.ABSENT && latest > nowMillis - window;
        }

        @Override
        public long changesAt(LifecycleFacts facts, long nowMillis) {
            return holds(facts, nowMillis) ? latest(facts) + window : NEVER;
        }

        @Override
        public Object definition() {
            if (!name.equals("interactionWithinDays")) {
                return Map.of(name, days);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kinds", kinds.stream().map(FactKind::code).toList());
            body.put("days", days);
            return Map.of(name, body);
        }
    }

    enum Series { ORDERS, VISIT_DAYS }

    /** Between min and max of the held times of a series are within the window. */
    static final class CountWithin extends Defined implements Condition {
        private final Series series;
        private final int days;
        private final Integer minBound;
        private final Integer maxBound;
        private final long window;
        private final int min;
        private final int max;

        CountWithin(Series series, int days, Integer min, Integer max) {
            int capacity = series == Series.ORDERS ? LifecycleFacts.ORDER_HISTORY : LifecycleFacts.VISIT_DAY_HISTORY;
            if (min == null && max == null) {
                throw new IllegalArgumentException("min or max is required");
            }
            if (min != null && (min < 0 || min > capacity)) {
                throw new IllegalArgumentException("min must be between 0 and " + capacity + ": " + min);
            }
            if (max != null && (max < 0 || max >= capacity)) {
                throw new IllegalArgumentException("max must be between 0 and " + (capacity - 1) + ": " + max);
            }
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("min must not exceed max: " + min + " > " + max);
            }
            this.series = series;
            this.days = days;
            this.minBound = min;
            this.maxBound = max;
            this.window = window(days);
            this.min = min == null ? 0 : min;
            this.max = max == null ? Integer.MAX_VALUE : max;
        }

        private RecentSeries series(LifecycleFacts facts) {
            return series == Series.ORDERS ? facts.recentOrders() : facts.visitDays();
        }

        @Override
        public boolean holds(LifecycleFacts facts, long nowMillis) {
            int count = series(facts).countAfter(nowMillis - window);
            return count >= min && count <= max;
        }

        @Override
        public long changesAt(LifecycleFacts facts, long nowMillis) {
            RecentSeries times = series(facts);
            int count = times.countAfter(nowMillis - window);
            if (count >= min && count <= max) {
                return min >= 1 ? times.millisAt(min - 1) + window : NEVER;
            }
            return count > max ? times.millisAt(max) + window : NEVER;
        }

        @Override
        public Object definition() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("days", days);
            if (minBound != null) {
                body.put("min", minBound);
            }
            if (maxBound != null) {
                body.put("max", maxBound);
            }
            return Map.of(series == Series.ORDERS ? "ordersWithinDays" : "visitDaysWithinDays", body);
        }
    }

    static final class Member extends Defined implements Condition {
        private final boolean member;

        Member(boolean member) {
            this.member = member;
        }

        @Override
        public boolean holds(LifecycleFacts facts, long nowMillis) {
            return facts.member() == member;
        }

        @Override
        public long changesAt(LifecycleFacts facts, long nowMillis) {
            return NEVER;
        }

        @Override
        public Object definition() {
            return Map.of("member", member);
        }
    }

    static final class LifetimeValueAtLeast extends Defined implements Condition {
        private final BigDecimal amount;

        LifetimeValueAtLeast(BigDecimal amount) {
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("amount must not be negative: " + amount);
            }
            BigDecimal stripped = amount.stripTrailingZeros();
            this.amount = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }

        @Override
        public boolean holds(LifecycleFacts facts, long nowMillis) {
            return facts.orderValue().compareTo(amount.add(facts.refundValue())) >= 0;
        }

        @Override
        public long changesAt(LifecycleFacts facts, long nowMillis) {
            return NEVER;
        }

        @Override
        public Object definition() {
            return Map.of("lifetimeValueAtLeast", amount);
        }
    }

    static final class OrdersAtLeast extends Defined implements Condition {
        private final long orders;

        OrdersAtLeast(long orders) {
            if (orders < 1) {
                throw new IllegalArgumentException("orders must be positive: " + orders);
            }
            this.orders = orders;
        }

        @Override
        public boolean holds(LifecycleFacts facts, long nowMillis) {
            return facts.orderCount() >= orders;
        }

        @Override
        public long changesAt(LifecycleFacts facts, long nowMillis) {
            return NEVER;
        }

        @Override
        public Object definition() {
            return Map.of("ordersAtLeast", orders);
        }
    }

    /** True while every child holds. */
    static final class All extends Defined implements Condition {
        private final Condition[] children;

        All(List<Condition> children) {
            if (children.isEmpty()) {
                throw new IllegalArgumentException("all needs at least one condition");
            }
            this.children = children.stream().map(Objects::requireNonNull).toArray(Condition[]::new);
        }

        @Override
        public boolean holds(LifecycleFacts facts, long nowMillis) {
            for (Condition child : children) {
                if (!child.holds(facts, nowMillis)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public long changesAt(LifecycleFacts facts, long nowMillis) {
            if (holds(facts, nowMillis)) {
                long earliest = NEVER;
                for (Condition child : children) {
                    earliest = Math.min(earliest, child.changesAt(facts, nowMillis));
                }
                return earliest;
            }
            long latest = Long.MIN_VALUE;
            for (Condition child : children) {
                if (!child.holds(facts, nowMillis)) {
                    latest = Math.max(latest, child.changesAt(facts, nowMillis));
                }
            }
            return latest;
        }

        @Override
        public Object definition() {
            return Map.of("all", java.util.Arrays.stream(children).map(Condition::definition).toList());
        }
    }

    /** True while some child holds. */
    static final class Any extends Defined implements Condition {
        private final Condition[] children;

        Any(List<Condition> children) {
            if (children.isEmpty()) {
                throw new IllegalArgumentException("any needs at least one condition");
            }
            this.children = children.stream().map(Objects::requireNonNull).toArray(Condition[]::new);
        }

        @Override
        public boolean holds(LifecycleFacts facts, long nowMillis) {
            for (Condition child : children) {
                if (child.holds(facts, nowMillis)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public long changesAt(LifecycleFacts facts, long nowMillis) {
            if (!holds(facts, nowMillis)) {
                long earliest = NEVER;
                for (Condition child : children) {
                    earliest = Math.min(earliest, child.changesAt(facts, nowMillis));
                }
                return earliest;
            }
            long latest = Long.MIN_VALUE;
            for (Condition child : children) {
                if (child.holds(facts, nowMillis)) {
                    latest = Math.max(latest, child.changesAt(facts, nowMillis));
                }
            }
            return latest;
        }

        @Override
        public Object definition() {
            return Map.of("any", java.util.Arrays.stream(children).map(Condition::definition).toList());
        }
    }

    static final class Not extends Defined implements Condition {
        private final Condition child;

        Not(Condition child) {
            this.child = Objects.requireNonNull(child);
        }

        @Override
        public boolean holds(LifecycleFacts facts, long nowMillis) {
            return !child.holds(facts, nowMillis);
        }

        @Override
        public long changesAt(LifecycleFacts facts, long nowMillis) {
            return child.changesAt(facts, nowMillis);
        }

        @Override
        public Object definition() {
            return Map.of("not", child.definition());
        }
    }
}
