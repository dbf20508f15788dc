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

    public static BrandCensus empty() {
        return new BrandCensus(0, 0, 0, Map.of(), Map.of(), 0);
    }

    /** This census with one more consumer counted. */
    public BrandCensus count(ConsumerProfile profile, Instant asOf) {
        Map<String, Long> channels = new TreeMap<>(consumersByChannel);
        profile.channels().forEach(channel -> channels.merge(channel, 1L, Long::sum));
        boolean active = profile.lastSeen() != null && !profile.lastSeen().isBefore(asOf.minus(ACTIVE_WINDOW));
        Map<String, Map<String, Long>> nextStages = mutable(stages);
        profile.lifecycle().stages().forEach((model, assignment) -> nextStages.computeIfAbsent(model,
                m -> new TreeMap<>()).merge(assignment.isNone() ? NO_STAGE : assignment.stageCode(), 1L, Long::sum));
        Instant lastPurchase = profile.lifecycle().facts().lastPurchaseAt();
        boolean buyer = lastPurchase != null && !lastPurchase.isAfter(asOf) && AnnualActiveConsumers.isActive(
                lastPurchase, LocalDate.ofInstant(asOf, ZoneOffset.UTC), ZoneOffset.UTC);
        return new BrandCensus(consumers + 1, events + profile.eventCount(), active30Days + (active ? 1 : 0),
                channels, nextStages, annualActive + (buyer ? 1 : 0));
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
