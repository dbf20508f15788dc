package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.port.in.ApplyEventsUseCase.ApplyResult;
import io.tally.core.port.in.ApplyEventsUseCase.QueuedEnvelope;
import io.tally.testkit.FixedBrandSettings;
import io.tally.testkit.InMemoryProfileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.tally.core.domain.consumer.IdentifierType.ANONYMOUS_ID;
import static io.tally.core.domain.consumer.IdentifierType.USER_ID;
import static io.tally.testkit.ConsumerEventBuilder.aTrackEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four processors apply the same overlapping events, each grouped into calls differently, to one in-memory
 * store at the same time (as SQS would deliver duplicates to concurrent Lambdas), retrying what they report as
 * failed. Whatever the interleaving, each group of linked identifiers must end as one live consumer that counted
 * every message exactly once. Needs nothing outside the JVM.
 */
class ConcurrentResolutionTest {

    private static final String BRAND = "acme";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int THREADS = 4;
    private static final int ROUNDS = 40;

    /** The connected identifier groups and the events of each. */
    private static final Map<Set<Identifier>, List<ConsumerEvent>> GROUPS = new LinkedHashMap<>();

    static {
        group(Set.of(id(USER_ID, "u1"), id(ANONYMOUS_ID, "a1"), id(ANONYMOUS_ID, "a2"), id(ANONYMOUS_ID, "a3")),
                event("m1", null, "a1", 0), event("m2", null, "a2", 10), event("m3", "u1", "a1", 20),
                event("m4", null, "a3", 30), event("m5", "u1", "a2", 40), event("m6", "u1", "a3", 50),
                event("m7", null, "a2", 60));
        group(Set.of(id(USER_ID, "u2"), id(ANONYMOUS_ID, "a4"), id(ANONYMOUS_ID, "a5")),
                event("m8", null, "a4", 5), event("m9", "u2", null, 15), event("m10", "u2", "a4", 25),
                event("m11", "u2", "a5", 35));
        group(Set.of(id(ANONYMOUS_ID, "a6")), event("m12", null, "a6", 12), event("m13", null, "a6", 2));
        group(Set.of(id(USER_ID, "u3"), id(ANONYMOUS_ID, "a7"), id(ANONYMOUS_ID, "a8")),
                event("m14", "u3", "a7", 45), event("m15", null, "a8", 1), event("m16", "u3", "a8", 70),
                event("m17", null, "a7", 8));
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    @Timeout(10)
    void givenFourProcessorsApplyingTheSameEventsConcurrently_whenDone_thenOneConsumerPerGroupCountingEachMessageOnce()
            throws Exception {
        List<ConsumerEvent> all = GROUPS.values().stream().flatMap(List::stream).toList();
        List<List<List<ConsumerEvent>>> groupings = List.of(
                chunks(all, 1),
                chunks(reversed(all), 1),
                chunks(all, all.size()),
                chunks(shuffled(all, new Random(42)), 2));

        for (int round = 0; round < ROUNDS; round++) {
            InMemoryProfileStore store = new InMemoryProfileStore();
            ProfileService service = new ProfileService(store, store.graph(), FixedBrandSettings.defaults(), CLOCK);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<int[]>> processors = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<List<ConsumerEvent>> calls = groupings.get(t);
                String processor = "p" + t;
                processors.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return process(service, processor, calls);
                }));
            }
            int applied = 0;
            int duplicates = 0;
            for (Future<int[]> processor : processors) {
                int[] counts = processor.get(5, TimeUnit.SECONDS);
                applied += counts[0];
                duplicates += counts[1];
            }

            String context = "round " + round;
            assertThat(applied).as(context).isEqualTo(all.size());
            assertThat(duplicates).as(context).isEqualTo((THREADS - 1) * all.size());
            assertThat(store.liveProfiles(BRAND)).as(context).isEqualTo(GROUPS.size());
            Set<String> consumers = new HashSet<>();
            GROUPS.forEach((identifiers, events) -> {
                Set<String> owners = new HashSet<>();
                for (Identifier identifier : identifiers) {
                    ConsumerProfile profile = service.findByIdentifier(BRAND, identifier).orElseThrow();
                    owners.add(profile.key().consumerId());
                    assertThat(profile.eventCount()).as(context + " " + identifier).isEqualTo(events.size());
                    assertThat(profile.firstSeen()).as(context).isEqualTo(earliest(events));
                    assertThat(profile.lastSeen()).as(context).isEqualTo(latest(events));
                    assertThat(profile.merged()).isFalse();
                }
                assertThat(owners).as(context + " " + identifiers).hasSize(1);
                consumers.addAll(owners);
            });
            assertThat(consumers).as(context).hasSize(GROUPS.size());
        }
    }

    /** Applies the calls in turn, redelivering failed deliveries as the queue would; returns applied, duplicates. */
    private static int[] process(ProfileService service, String processor, List<List<ConsumerEvent>> calls) {
        int applied = 0;
        int duplicates = 0;
        int deliveryNumber = 0;
        for (List<ConsumerEvent> call : calls) {
            Map<String, QueuedEnvelope> pending = new LinkedHashMap<>();
            for (ConsumerEvent event : call) {
                String deliveryId = processor + "-" + deliveryNumber++;
                pending.put(deliveryId, new QueuedEnvelope(deliveryId,
                        new IngestEnvelope(BRAND, "web", List.of(event))));
            }
            for (int redelivery = 0; !pending.isEmpty(); redelivery++) {
                assertThat(redelivery).as("redeliveries of " + pending.keySet()).isLessThan(50);
                ApplyResult result = service.apply(List.copyOf(pending.values()));
                applied += result.applied();
                duplicates += result.duplicates();
                pending.keySet().retainAll(result.failures().keySet());
            }
        }
        return new int[] {applied, duplicates};
    }

    private static void group(Set<Identifier> identifiers, ConsumerEvent... events) {
        GROUPS.put(identifiers, List.of(events));
    }

    private static ConsumerEvent event(String messageId, String userId, String anonymousId, int offsetSeconds) {
        return aTrackEvent().withMessageId(messageId).withUserId(userId).withAnonymousId(anonymousId)
                .at(T0.plusSeconds(offsetSeconds)).build();
    }

    private static Identifier id(IdentifierType type, String value) {
        return new Identifier(type, value);
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    private static <T> List<T> reversed(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.reverse(copy);
        return copy;
    }

    private static <T> List<T> shuffled(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static Instant earliest(List<ConsumerEvent> events) {
        return events.stream().map(ConsumerEvent::timestamp).min(Instant::compareTo).orElseThrow();
    }

    private static Instant latest(List<ConsumerEvent> events) {
        return events.stream().map(ConsumerEvent::timestamp).max(Instant::compareTo).orElseThrow();
    }
}
