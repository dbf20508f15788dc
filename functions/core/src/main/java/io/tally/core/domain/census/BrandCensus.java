package io.tally.core.domain.census;

import io.tally.core.domain.consumer.ConsumerProfile;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Head-count of one brand's consumer base: consumers, events, consumers per channel, and consumers active in
 * the 30 days before the census time. Parts computed over disjoint scan segments add up with {@link #plus}.
 */
public record BrandCensus(long consumers, long events, long active30Days, Map<String, Long> consumersByChannel) {

    /** Window of {@link #active30Days}. */
    public static final Duration ACTIVE_WINDOW = Duration.ofDays(30);

    public BrandCensus {
        consumersByChannel = Map.copyOf(consumersByChannel);
    }

    public static BrandCensus empty() {
        return new BrandCensus(0, 0, 0, Map.of());
    }

    /** This census with one more consumer counted. */
    public BrandCensus count(ConsumerProfile profile, Instant asOf) {
        Map<String, Long> channels = new TreeMap<>(consumersByChannel);
        profile.channels().forEach(channel -> channels.merge(channel, 1L, Long::sum));
        boolean active = profile.lastSeen() != null && !profile.lastSeen().isBefore(asOf.minus(ACTIVE_WINDOW));
        return new BrandCensus(consumers + 1, events + profile.eventCount(), active30Days + (active ? 1 : 0), channels);
    }

    public BrandCensus plus(BrandCensus other) {
        Map<String, Long> channels = new TreeMap<>(consumersByChannel);
        other.consumersByChannel.forEach((channel, count) -> channels.merge(channel, count, Long::sum));
        return new BrandCensus(consumers + other.consumers, events + other.events,
                active30Days + other.active30Days, channels);
    }
}
