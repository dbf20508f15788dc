package io.tally.core.domain.census;

import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.lifecycle.AnnualActiveConsumers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Head-count of one brand's consumer base: consumers, events, consumers per channel, consumers active in the 30
 * days before the census time, consumers per stored lifecycle stage of each model, and AAC (consumers who
 * purchased in the 365 UTC days ending with the census day). Parts computed over disjoint scan segments add up with
 * {@link #plus}.
 *
 * @param stages       model → stage code → consumers ({@link #NO_STAGE} for consumers in no stage)
 * @param annualActive AAC, exact: each consumer is counted once, from its last purchase
 */
public record BrandCensus(long consumers, long events, long active30Days, Map<String, Long> consumersByChannel,
                          Map<String, Map<String, Long>> stages, long annualActive) {

    /** Window of {@link #active30Days}. */
    public static final Duration ACTIVE_WINDOW = Duration.ofDays(30);
    /** Key of the consumers in no stage of a model. */
    public static final String NO_STAGE = "none";

    public BrandCensus {
        consumersByChannel = Map.copyOf(consumersByChannel);
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        stages.forEach((model, counts) -> copy.put(model, Map.copyOf(counts)));
        stages = Map.copyOf(copy);
    }

    /** Counts one brand's consumers one at a time, in place; {@link #result()} is the census so far. */
    public static final class Counter {

        private final Instant activeSince;
        private final Instant asOf;
        private final LocalDate day;
        private long consumers;
        private long events;
        private long active30Days;
        private long annualActive;
        private final Map<String, Long> channels = new TreeMap<>();
        private final Map<String, Map<String, Long>> stages = new TreeMap<>();

        /** @param asOf the census time: activity and purchases after it are not counted as such */
        public Counter(Instant asOf) {
            this.asOf = asOf;
            this.activeSince = asOf.minus(ACTIVE_WINDOW);
            this.day = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        }

        public void count(ConsumerProfile profile) {
            consumers++;
            events += profile.eventCount();
            profile.channels().forEach(channel -> channels.merge(channel, 1L, Long::sum));
            if (profile.lastSeen() != null && !profile.lastSeen().isBefore(activeSince)) {
                active30Days++;
            }
            profile.lifecycle().stages().forEach((model, assignment) -> stages.computeIfAbsent(model,
                    m -> new TreeMap<>()).merge(assignment.isNone() ? NO_STAGE : assignment.stageCode(), 1L,
                    Long::sum));
            Instant lastPurchase = profile.lifecycle().facts().lastPurchaseAt();
            if (lastPurchase != null && !lastPurchase.isAfter(asOf)
                    && AnnualActiveConsumers.isActive(lastPurchase, day, ZoneOffset.UTC)) {
                annualActive++;
            }
        }

        public BrandCensus result() {
            return new BrandCensus(consumers, events, active30Days, channels, stages, annualActive);
        }
    }

    public BrandCensus plus(BrandCensus other) {
        Map<String, Long> channels = new TreeMap<>(consumersByChannel);
        other.consumersByChannel.forEach((channel, count) -> channels.merge(channel, count, Long::sum));
        Map<String, Map<String, Long>> nextStages = mutable(stages);
        other.stages.forEach((model, counts) -> counts.forEach((stage, count) ->
                nextStages.computeIfAbsent(model, m -> new TreeMap<>()).merge(stage, count, Long::sum)));
        return new BrandCensus(consumers + other.consumers, events + other.events,
                active30Days + other.active30Days, channels, nextStages, annualActive + other.annualActive);
    }

    private static Map<String, Map<String, Long>> mutable(Map<String, Map<String, Long>> stages) {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        stages.forEach((model, counts) -> copy.put(model, new TreeMap<>(counts)));
        return copy;
    }
}
