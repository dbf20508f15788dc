package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.domain.identity.IdentifierExtractor;
import io.tally.core.port.in.ApplyEventsUseCase.ApplyResult;
import io.tally.core.port.in.ApplyEventsUseCase.QueuedEnvelope;
import io.tally.testkit.FixedBrandSettings;
import io.tally.testkit.InMemoryProfileStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static io.tally.testkit.ConsumerEventBuilder.aTrackEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity resolution does not depend on the order or grouping in which events arrive: the consumers (as sets of
 * identifiers) and their facts are those of the connected components of the identifiers the events link.
 */
class IdentityResolutionPropertyTest {

    private static final String BRAND = "acme";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    /** What one consumer looks like, compared by its identifiers rather than its (order-dependent) id. */
    record Facts(Set<String> identifiers, long eventCount, Instant firstSeen, Instant lastSeen) {
    }

    @Property(tries = 300)
    void givenEventsAppliedOnePerCallInAnyOrder_whenResolving_thenConsumersAndTheirFactsAreTheSame(
            @ForAll("events") List<ConsumerEvent> events, @ForAll Random random) {
        List<ConsumerEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);

        Set<Facts> inOrder = resolveOnePerCall(events);
        Set<Facts> permuted = resolveOnePerCall(shuffled);

        assertThat(permuted).isEqualTo(inOrder).isEqualTo(connectedComponents(events));
    }

    @Property(tries = 300)
    void givenEventsAppliedInAnyGroupingOfCalls_whenResolving_thenConsumersAndTheirFactsAreTheSame(
            @ForAll("events") List<ConsumerEvent> events, @ForAll Random random) {
        List<ConsumerEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        List<List<ConsumerEvent>> calls = new ArrayList<>();
        for (ConsumerEvent event : shuffled) {
            if (calls.isEmpty() || random.nextInt(3) == 0) {
                calls.add(new ArrayList<>());
            }
            calls.get(calls.size() - 1).add(event);
        }

        assertThat(resolve(calls)).isEqualTo(connectedComponents(events));
    }

    @Provide
    Arbitrary<List<ConsumerEvent>> events() {
        Arbitrary<Tuple.Tuple2<String, String>> ids = Combinators.combine(
                        Arbitraries.of("u1", "u2", "u3").injectNull(0.5),
                        Arbitraries.of("a1", "a2", "a3", "a4").injectNull(0.3))
                .as((userId, anonymousId) -> Tuple.of(userId, anonymousId)).filter(t -> t.get1() != null || t.get2() != null);
        return Combinators.combine(ids.list().ofMinSize(1).ofMaxSize(12), Arbitraries.randoms())
                .as((pairs, random) -> {
                    List<Integer> offsets = new ArrayList<>();
                    for (int i = 0; i < pairs.size(); i++) {
                        offsets.add(i * 60);
                    }
                    Collections.shuffle(offsets, random);
                    List<ConsumerEvent> events = new ArrayList<>();
                    for (int i = 0; i < pairs.size(); i++) {
                        events.add(aTrackEvent().withMessageId("m" + i).withUserId(pairs.get(i).get1())
                                .withAnonymousId(pairs.get(i).get2()).at(T0.plusSeconds(offsets.get(i))).build());
                    }
                    return events;
                });
    }

    private static Set<Facts> resolveOnePerCall(List<ConsumerEvent> events) {
        return resolve(events.stream().map(List::of).toList());
    }

    private static Set<Facts> resolve(List<List<ConsumerEvent>> calls) {
        InMemoryProfileStore store = new InMemoryProfileStore();
        ProfileService service = new ProfileService(store, store.graph(), FixedBrandSettings.defaults(), CLOCK);
        int delivery = 0;
        for (List<ConsumerEvent> call : calls) {
            List<QueuedEnvelope> deliveries = new ArrayList<>();
            for (ConsumerEvent event : call) {
                deliveries.add(new QueuedEnvelope("d" + delivery++, new IngestEnvelope(BRAND, "web", List.of(event))));
            }
            ApplyResult result = service.apply(deliveries);
            assertThat(result.failures()).isEmpty();
        }
        Map<String, ConsumerProfile> byConsumer = new HashMap<>();
        Map<String, Set<String>> identifiersByConsumer = new HashMap<>();
        for (List<ConsumerEvent> call : calls) {
            for (ConsumerEvent event : call) {
                for (Identifier id : IdentifierExtractor.extract("web", event)) {
                    ConsumerProfile profile = service.findByIdentifier(BRAND, id).orElseThrow();
                    byConsumer.put(profile.key().consumerId(), profile);
                    identifiersByConsumer.computeIfAbsent(profile.key().consumerId(), k -> new TreeSet<>())
                            .add(id.key());
                }
            }
        }
        assertThat(store.liveProfiles(BRAND)).isEqualTo(byConsumer.size());
        Set<Facts> facts = new HashSet<>();
        byConsumer.forEach((id, profile) -> {
            assertThat(profile.identifiers()).isEqualTo(identifiersByConsumer.get(id));
            facts.add(new Facts(identifiersByConsumer.get(id), profile.eventCount(), profile.firstSeen(),
                    profile.lastSeen()));
        });
        return facts;
    }

    /** The expected consumers: identifiers joined by the events that carry them together. */
    private static Set<Facts> connectedComponents(List<ConsumerEvent> events) {
        Map<String, String> parent = new HashMap<>();
        for (ConsumerEvent event : events) {
            List<String> keys = IdentifierExtractor.extract("web", event).stream().map(Identifier::key).toList();
            keys.forEach(k -> parent.putIfAbsent(k, k));
            for (String key : keys) {
                parent.put(root(parent, key), root(parent, keys.get(0)));
            }
        }
        Map<String, Set<String>> members = new HashMap<>();
        parent.keySet().forEach(k -> members.computeIfAbsent(root(parent, k), r -> new TreeSet<>()).add(k));
        Set<Facts> facts = new HashSet<>();
        members.forEach((root, identifiers) -> {
            List<ConsumerEvent> mine = events.stream().filter(e -> root(parent,
                    IdentifierExtractor.extract("web", e).first().key()).equals(root)).toList();
            facts.add(new Facts(identifiers, mine.size(),
                    mine.stream().map(ConsumerEvent::timestamp).min(Instant::compareTo).orElseThrow(),
                    mine.stream().map(ConsumerEvent::timestamp).max(Instant::compareTo).orElseThrow()));
        });
        return facts;
    }

    private static String root(Map<String, String> parent, String key) {
        String current = key;
        while (!parent.get(current).equals(current)) {
            current = parent.get(current);
        }
        return current;
    }
}
