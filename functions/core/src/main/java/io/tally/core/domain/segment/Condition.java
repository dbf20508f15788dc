package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsentQuestion;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One node of a compiled rule. Every operand is resolved when the rule is compiled, so a test reads the subject
 * and compares primitives or interned operands: it never looks at the rule's JSON again.
 */
abstract class Condition {

    /** Relative cost of one test, so that {@code all}/{@code any} try their cheap children first. */
    final int cost;

    Condition(int cost) {
        this.cost = cost;
    }

    abstract boolean test(SegmentSubject subject, Instant now);

    static final class All extends Condition {
        private final Condition[] children;

        All(Condition[] children) {
            super(sum(children));
            this.children = children;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            for (Condition child : children) {
                if (!child.test(subject, now)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Any extends Condition {
        private final Condition[] children;

        Any(Condition[] children) {
            super(sum(children));
            this.children = children;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            for (Condition child : children) {
                if (child.test(subject, now)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Not extends Condition {
        private final Condition child;

        Not(Condition child) {
            super(child.cost);
            this.child = child;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return !child.test(subject, now);
        }
    }

    /**
     * A conjunction of numeric comparisons resolved into one interval and an optional exact value: a value passes
     * when it lies in the interval and, if {@code eq} was given, equals it. NaN passes nothing.
     */
    abstract static class Compared extends Condition {
        private final double low;
        private final boolean lowInclusive;
        private final double high;
        private final boolean highInclusive;
        private final boolean hasEquals;
        private final double equals;

        Compared(int cost, Comparison comparison) {
            super(cost);
            this.low = comparison.low;
            this.lowInclusive = comparison.lowInclusive;
            this.high = comparison.high;
            this.highInclusive = comparison.highInclusive;
            this.hasEquals = comparison.hasEquals;
            this.equals = comparison.equals;
        }

        final boolean passes(double value) {
            return (lowInclusive ? value >= low : value > low)
                    && (highInclusive ? value <= high : value < high)
                    && (!hasEquals || value == equals);
        }
    }

    /** Collects {@code eq}, {@code gt}, {@code gte}, {@code lt} and {@code lte} into one {@link Compared}. */
    static final class Comparison {
        private double low = Double.NEGATIVE_INFINITY;
        private boolean lowInclusive = true;
        private double high = Double.POSITIVE_INFINITY;
        private boolean highInclusive = true;
        private boolean hasEquals;
        private double equals;
        private boolean any;

        void add(String operator, double operand) {
            any = true;
            switch (operator) {
                case "eq" -> {
                    hasEquals = true;
                    equals = operand;
                }
                case "gt" -> {
                    if (operand >= low) {
                        low = operand;
                        lowInclusive = false;
                    }
                }
                case "gte" -> {
                    if (operand > low) {
                        low = operand;
                        lowInclusive = true;
                    }
                }
                case "lt" -> {
                    if (operand <= high) {
                        high = operand;
                        highInclusive = false;
                    }
                }
                case "lte" -> {
                    if (operand < high) {
                        high = operand;
                        highInclusive = true;
                    }
                }
                default -> throw new IllegalArgumentException("not a comparison: " + operator);
            }
        }

        boolean isEmpty() {
            return !any;
        }
    }

    /** {@code eq} and {@code in} on a trait: the value equals one of the operands (numbers compare as numbers). */
    static final class TraitIn extends Condition {
        private static final int HASHED_FROM = 8;

        private final String trait;
        private final String[] strings;
        private final Set<String> hashedStrings;
        private final double[] numbers;
        private final boolean matchesTrue;
        private final boolean matchesFalse;

        TraitIn(String trait, List<Object> operands) {
            super(1);
            this.trait = trait;
            this.strings = operands.stream().filter(String.class::isInstance).map(String.class::cast)
                    .distinct().toArray(String[]::new);
            this.hashedStrings = strings.length >= HASHED_FROM ? new HashSet<>(List.of(strings)) : null;
            this.numbers = operands.stream().filter(Number.class::isInstance)
                    .mapToDouble(n -> ((Number) n).doubleValue()).distinct().toArray();
            this.matchesTrue = operands.contains(Boolean.TRUE);
            this.matchesFalse = operands.contains(Boolean.FALSE);
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            Object value = subject.trait(trait);
            if (value instanceof String text) {
                if (hashedStrings != null) {
                    return hashedStrings.contains(text);
                }
                for (String candidate : strings) {
                    if (candidate.equals(text)) {
                        return true;
                    }
                }
                return false;
            }
            if (value instanceof Number number) {
                double d = number.doubleValue();
                for (double candidate : numbers) {
                    if (candidate == d) {
                        return true;
                    }
                }
                return false;
            }
            if (value instanceof Boolean flag) {
                return flag ? matchesTrue : matchesFalse;
            }
            return false;
        }
    }

    static final class TraitCompared extends Compared {
        private final String trait;

        TraitCompared(String trait, Comparison comparison) {
            super(1, comparison);
            this.trait = trait;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return subject.trait(trait) instanceof Number number && passes(number.doubleValue());
        }
    }

    static final class TraitExists extends Condition {
        private final String trait;
        private final boolean exists;

        TraitExists(String trait, boolean exists) {
            super(1);
            this.trait = trait;
            this.exists = exists;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return (subject.trait(trait) != null) == exists;
        }
    }

    /** A string trait containing the text, or a list trait holding it as an element. */
    static final class TraitContains extends Condition {
        private final String trait;
        private final String text;

        TraitContains(String trait, String text) {
            super(2);
            this.trait = trait;
            this.text = text;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            Object value = subject.trait(trait);
            if (value instanceof String string) {
                return string.contains(text);
            }
            return value instanceof Collection<?> elements && elements.contains(text);
        }
    }

    static final class StageIn extends Condition {
        private final String model;
        private final String[] stages;

        StageIn(String model, List<String> stages) {
            super(1);
            this.model = model;
            this.stages = stages.stream().distinct().toArray(String[]::new);
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            String stage = subject.stage(model);
            if (stage == null) {
                return false;
            }
            for (String candidate : stages) {
                if (candidate.equals(stage)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class OrdersWithin extends Compared {
        private final int days;

        OrdersWithin(int days, Comparison comparison) {
            super(3, comparison);
            this.days = days;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return passes(subject.ordersWithinDays(days, now));
        }
    }

    static final class GmvWithin extends Compared {
        private final int days;

        GmvWithin(int days, Comparison comparison) {
            super(3, comparison);
            this.days = days;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return passes(subject.gmvWithinDays(days, now));
        }
    }

    /** Whole days since the last order (0 if it is in the future); false for a consumer who never ordered. */
    static final class DaysSinceLastPurchase extends Compared {

        DaysSinceLastPurchase(Comparison comparison) {
            super(1, comparison);
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            Instant last = subject.lastPurchase();
            return last != null && passes(wholeDaysBetween(last, now));
        }

        static long wholeDaysBetween(Instant from, Instant to) {
            long seconds = to.getEpochSecond() - from.getEpochSecond();
            if (to.getNano() < from.getNano()) {
                seconds--;
            }
            return seconds <= 0 ? 0 : seconds / 86_400;
        }
    }

    static final class Clv extends Compared {
        Clv(Comparison comparison) {
            super(1, comparison);
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return passes(subject.clv());
        }
    }

    static final class PAlive extends Compared {
        PAlive(Comparison comparison) {
            super(1, comparison);
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return passes(subject.pAlive());
        }
    }

    static final class SeenInChannel extends Condition {
        private final String channel;

        SeenInChannel(String channel) {
            super(1);
            this.channel = channel;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return subject.seenInChannel(channel);
        }
    }

    static final class EventCount extends Compared {
        private final String event;
        private final int days;

        EventCount(String event, int days, Comparison comparison) {
            super(3, comparison);
            this.event = event;
            this.days = days;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return passes(subject.eventCountWithinDays(event, days, now));
        }
    }

    static final class Consent extends Condition {
        private final ConsentQuestion question;

        Consent(String purpose, String channel) {
            super(1);
            this.question = ConsentQuestion.of(purpose, channel);
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return subject.consent(question);
        }
    }

    /** See {@link SampleBuckets}. */
    static final class Sample extends Condition {
        private final byte[] prefix;
        private final double fraction;

        Sample(String salt, double percent) {
            super(4);
            this.prefix = SampleBuckets.prefix(salt);
            this.fraction = percent / 100;
        }

        @Override
        boolean test(SegmentSubject subject, Instant now) {
            return SampleBuckets.fraction(SampleBuckets.hash(prefix, subject.consumerId())) < fraction;
        }
    }

    private static int sum(Condition[] children) {
        int total = 0;
        for (Condition child : children) {
            total += child.cost;
        }
        return total;
    }
}
