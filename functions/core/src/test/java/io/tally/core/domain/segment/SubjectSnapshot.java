package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsentQuestion;
import io.tally.core.domain.consumer.ConsentRule;
import io.tally.core.domain.consumer.TimedValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, in-memory copy of everything a segment rule can read about one consumer: orders and events as
 * sorted instants, traits, stages, estimates, channels and consent. Built with {@link #builder(String)}; used where
 * subjects are held in bulk, such as the rule benchmark, and to state examples.
 *
 * <p>Instants are kept to the millisecond. Consent is kept per purpose and channel in the order the answers were
 * recorded and decided by {@link ConsentRule}: the later of a channel's own answer and the {@code *} one wins.
 */
public final class SubjectSnapshot implements SegmentSubject {

    private static final long[] NONE = new long[0];

    private final String consumerId;
    private final Map<String, Object> traits;
    private final Map<String, String> stages;
    private final long[] orderTimes;
    private final double[] orderValues;
    private final Instant lastPurchase;
    private final double clv;
    private final double pAlive;
    private final Set<String> channels;
    private final Map<String, long[]> eventTimes;
    private final Map<String, TimedValue> consent;

    private SubjectSnapshot(Builder builder) {
        this.consumerId = builder.consumerId;
        this.traits = Map.copyOf(builder.traits);
        this.stages = Map.copyOf(builder.stages);
        Integer[] order = new Integer[builder.orders.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(builder.orders.get(a).time, builder.orders.get(b).time));
        this.orderTimes = new long[order.length];
        this.orderValues = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            orderTimes[i] = builder.orders.get(order[i]).time;
            orderValues[i] = builder.orders.get(order[i]).value;
        }
        this.lastPurchase = order.length == 0 ? null : Instant.ofEpochMilli(orderTimes[order.length - 1]);
        this.clv = builder.clv;
        this.pAlive = builder.pAlive;
        this.channels = Set.copyOf(builder.channels);
        Map<String, long[]> events = new HashMap<>();
        builder.events.forEach((name, times) -> {
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            events.put(name, sorted);
        });
        this.eventTimes = Map.copyOf(events);
        this.consent = Map.copyOf(builder.consent);
    }

    public static Builder builder(String consumerId) {
        return new Builder(consumerId);
    }

    @Override
    public String consumerId() {
        return consumerId;
    }

    @Override
    public Object trait(String name) {
        return traits.get(name);
    }

    @Override
    public String stage(String model) {
        return stages.get(model);
    }

    @Override
    public long ordersWithinDays(int days, Instant now) {
        long end = now.toEpochMilli();
        return SortedTimes.countWithin(orderTimes, days, end);
    }

    @Override
    public double gmvWithinDays(int days, Instant now) {
        long end = now.toEpochMilli();
        double sum = 0;
        int last = SortedTimes.upperBound(orderTimes, end);
        for (int i = SortedTimes.firstAfterWindowStart(orderTimes, days, end); i < last; i++) {
            sum += orderValues[i];
        }
        return sum;
    }

    @Override
    public Instant lastPurchase() {
        return lastPurchase;
    }

    @Override
    public double clv() {
        return clv;
    }

    @Override
    public double pAlive() {
        return pAlive;
    }

    @Override
    public boolean seenInChannel(String channel) {
        return channels.contains(channel);
    }

    @Override
    public int eventCountWithinDays(String eventName, int days, Instant now) {
        long[] times = eventTimes.getOrDefault(eventName, NONE);
        long end = now.toEpochMilli();
        return SortedTimes.countWithin(times, days, end);
    }

    @Override
    public boolean consent(ConsentQuestion question) {
        return ConsentRule.decide(consent, question).orElse(false);
    }

    @Override
    public String toString() {
        return "SubjectSnapshot[" + consumerId + ", traits=" + traits + ", stages=" + stages + ", orders="
                + orderTimes.length + ", clv=" + clv + ", pAlive=" + pAlive + ", channels=" + channels
                + ", events=" + eventTimes.keySet() + ", consent=" + consent + "]";
    }

    private record Order(long time, double value) {
    }

    /** Collects a snapshot's values; estimates default to NaN (not estimated). */
    public static final class Builder {
        private final String consumerId;
        private final Map<String, Object> traits = new HashMap<>();
        private final Map<String, String> stages = new HashMap<>();
        private final List<Order> orders = new ArrayList<>();
        private double clv = Double.NaN;
        private double pAlive = Double.NaN;
        private final Set<String> channels = new HashSet<>();
        private final Map<String, List<Long>> events = new HashMap<>();
        private final Map<String, TimedValue> consent = new HashMap<>();
        private long answers;

        private Builder(String consumerId) {
            this.consumerId = Objects.requireNonNull(consumerId, "consumerId");
        }

        public Builder trait(String name, Object value) {
            traits.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder stage(String model, String stage) {
            stages.put(model, stage);
            return this;
        }

        public Builder order(Instant at, double value) {
            orders.add(new Order(at.toEpochMilli(), value));
            return this;
        }

        public Builder clv(double clv) {
            this.clv = clv;
            return this;
        }

        public Builder pAlive(double pAlive) {
            this.pAlive = pAlive;
            return this;
        }

        public Builder channel(String channel) {
            channels.add(channel);
            return this;
        }

        public Builder event(String name, Instant at) {
            events.computeIfAbsent(name, n -> new ArrayList<>()).add(at.toEpochMilli());
            return this;
        }

        /**
         * Records a grant ({@code true}) or refusal of {@code purpose} on {@code channel} ({@code "*"}: every one),
         * said after every answer recorded before it.
         */
        public Builder consent(String purpose, String channel, boolean granted) {
            consent.put(purpose + '/' + channel, new TimedValue(granted, Instant.ofEpochMilli(++answers)));
            return this;
        }

        public SubjectSnapshot build() {
            return new SubjectSnapshot(this);
        }
    }
}
