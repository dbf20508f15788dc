package io.tally.local;

import io.tally.aws.metrics.WriteCapacityMeter;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.port.in.ApplyEventsUseCase;
import io.tally.core.port.in.ApplyEventsUseCase.QueuedEnvelope;
import io.tally.core.port.in.GetConsumerUseCase;
import io.tally.core.port.out.IdentityGraphPort;
import io.tally.testkit.ConsumerEventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: the identity graph on DynamoDB Local — merges through the whole stack, concurrent
 * processors resolving the same identifiers, PII lookups, erasure and consent through the admin API, and the
 * write units per event of a session-shaped load. Needs only the JVM.
 */
class IdentityGraphIT {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    @Test
    void givenAnonymousBrowsingThenLogin_whenProcessed_thenOneConsumerHoldsBothAndTheOldIdRedirects() {
        stack.track("demo", "web", Map.of("type", "track", "event", "Product Viewed", "anonymousId", "merge-a"));
        Map<String, Object> anonymous = LocalStackFixture.eventually(Duration.ofSeconds(3),
                () -> stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "merge-a")).orElseThrow();
        stack.track("demo", "pos", Map.of("type", "track", "event", "Order Completed", "userId", "merge-u",
                "timestamp", "2020-01-01T00:00:00Z"));
        LocalStackFixture.eventually(Duration.ofSeconds(3), () -> stack.consumer("demo", IdentifierType.USER_ID, "merge-u"));

        stack.gateway.send("POST", "/v1/identify", stack.keys.writeKey("demo", "web"),
                Map.of("type", "identify", "userId", "merge-u", "anonymousId", "merge-a", "traits", Map.of("tier", "gold")));

        Map<String, Object> merged = LocalStackFixture.eventually(Duration.ofSeconds(5), () -> stack.consumer("demo",
                IdentifierType.ANONYMOUS_ID, "merge-a").filter(c -> ((Number) c.get("eventCount")).intValue() == 3))
                .orElseThrow();
        assertThat(stack.consumer("demo", IdentifierType.USER_ID, "merge-u")).hasValue(merged);
        assertThat(merged.get("channels")).isEqualTo(List.of("pos", "web"));
        assertThat(merged.get("firstSeen")).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(merged.get("mergedFrom")).isEqualTo(List.of(anonymous.get("consumerId")));
        assertThat(stack.gateway.send("GET", "/v1/consumers/" + anonymous.get("consumerId"),
                stack.keys.adminKey("demo"), null).body()).containsEntry("consumerId", merged.get("consumerId"));
    }

    @Test
    void givenPhoneAndEmailInTraits_whenProcessed_thenTheyAreFoundByValueButStoredOnlyAsKeyedHashes() {
        stack.gateway.send("POST", "/v1/identify", stack.keys.writeKey("demo", "web"), Map.of("type", "identify",
                "userId", "pii-1", "traits", Map.of("email", " Jane.Doe@Example.com ", "phone", "+86 138-0000-0001",
                        "name", "Jane")));

        Map<String, Object> byEmail = LocalStackFixture.eventually(Duration.ofSeconds(3),
                () -> stack.consumer("demo", IdentifierType.EMAIL, "jane.doe@example.com")).orElseThrow();
        assertThat(stack.consumer("demo", IdentifierType.PHONE, "+8613800000001")).hasValue(byEmail);
        String stored = byEmail.toString();
        assertThat(stored).doesNotContain("Jane.Doe", "jane.doe", "13800000001").contains("email:h1_", "phone:h1_");
    }

    @Test
    void givenConcurrentProcessors_whenTheyResolveOverlappingIdentifiersAtOnce_thenOneConsumerPerPersonAndNoLostUpdate()
            throws Exception {
        ApplyEventsUseCase processor = stack.tally.context().getBean(ApplyEventsUseCase.class);
        List<ConsumerEvent> events = new ArrayList<>();
        for (int person = 0; person < 5; person++) {
            for (int i = 0; i < 8; i++) {
                ConsumerEventBuilder event = ConsumerEventBuilder.aTrackEvent().withMessageId("race-" + person + "-" + i)
                        .withAnonymousId("race-anon-" + person + "-" + (i % 2)).at(T0.plusSeconds(person * 100L + i));
                events.add((i % 3 == 0 ? event.withUserId("race-user-" + person) : event).build());
            }
        }
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ApplyEventsUseCase.ApplyResult>> tasks = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                List<ConsumerEvent> shuffled = new ArrayList<>(events);
                Collections.shuffle(shuffled, new Random(worker));
                tasks.add(() -> processor.apply(List.of(new QueuedEnvelope("w", new IngestEnvelope("demo", "web",
                        shuffled)))));
            }
            for (Future<ApplyEventsUseCase.ApplyResult> result : workers.invokeAll(tasks)) {
                assertThat(result.get().failures()).isEmpty();
            }
        } finally {
            workers.shutdown();
        }

        GetConsumerUseCase consumers = stack.tally.context().getBean(GetConsumerUseCase.class);
        for (int person = 0; person < 5; person++) {
            var byUser = consumers.findByIdentifier("demo", new Identifier(IdentifierType.USER_ID, "race-user-" + person))
                    .orElseThrow();
            assertThat(byUser.eventCount()).as("person %d", person).isEqualTo(8);
            for (int anon = 0; anon < 2; anon++) {
                assertThat(consumers.findByIdentifier("demo", new Identifier(IdentifierType.ANONYMOUS_ID,
                        "race-anon-" + person + "-" + anon))).get().extracting(p -> p.key()).isEqualTo(byUser.key());
            }
        }
    }

    @Test
    void givenErasedConsumer_whenItsEventsArriveAfterwards_thenTheyDoNotBringItBack() {
        stack.track("demo", "web", Map.of("type", "track", "event", "Product Viewed", "anonymousId", "erase-a"));
        Map<String, Object> consumer = LocalStackFixture.eventually(Duration.ofSeconds(3),
                () -> stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "erase-a")).orElseThrow();

        GatewayClient.Response erased = stack.gateway.send("DELETE", "/v1/consumers/" + consumer.get("consumerId"),
                stack.keys.adminKey("demo"), null);
        stack.track("demo", "web", Map.of("type", "track", "event", "Product Viewed", "anonymousId", "erase-a"));

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.body()).containsEntry("consumerId", consumer.get("consumerId"))
                .containsEntry("identifiersBlocked", List.of("anonymousId:erase-a"));
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(5))).isTrue();
        assertThat(stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "erase-a")).isEmpty();
        assertThat(stack.gateway.send("GET", "/v1/consumers/" + consumer.get("consumerId"), stack.keys.adminKey("demo"),
                null).status()).isEqualTo(404);
    }

    @Test
    void givenMarketingOptOut_whenRecorded_thenTheProfileShowsIt() {
        stack.track("demo", "web", Map.of("type", "track", "event", "Product Viewed", "anonymousId", "consent-a",
                "context", Map.of("consent", Map.of("categoryPreferences", Map.of("marketing", true)))));
        Map<String, Object> consumer = LocalStackFixture.eventually(Duration.ofSeconds(3),
                () -> stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "consent-a")).orElseThrow();

        GatewayClient.Response updated = stack.gateway.send("PUT", "/v1/consumers/" + consumer.get("consumerId")
                + "/consent", stack.keys.adminKey("demo"), Map.of("purpose", "marketing", "channel", "sms", "granted", false));

        assertThat(updated.status()).isEqualTo(200);
        Map<?, ?> consent = (Map<?, ?>) updated.body().get("consent");
        assertThat(((Map<?, ?>) consent.get("marketing/*")).get("value")).isEqualTo(true);
        assertThat(((Map<?, ?>) consent.get("marketing/sms")).get("value")).isEqualTo(false);
    }

    @Test
    void givenSessionShapedLoad_whenProcessed_thenWriteUnitsPerEventStayWithinTheBudget() {
        ApplyEventsUseCase processor = stack.tally.context().getBean(ApplyEventsUseCase.class);
        WriteCapacityMeter meter = stack.tally.context().getBean(WriteCapacityMeter.class);
        int consumers = 50;
        int batches = 4;
        int perConsumerPerBatch = 8;
        meter.reset();
        int sent = 0;
        for (int batch = 0; batch < batches; batch++) {
            List<ConsumerEvent> events = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                for (int i = 0; i < perConsumerPerBatch; i++) {
                    events.add(ConsumerEventBuilder.aTrackEvent().withAnonymousId("session-" + c)
                            .withMessageId("session-" + batch + "-" + c + "-" + i)
                            .at(T0.plusSeconds(batch * 600L + i)).build());
                }
            }
            processor.apply(List.of(new QueuedEnvelope("s" + batch, new IngestEnvelope("demo", "web", events))));
            processor.apply(List.of(new QueuedEnvelope("s" + batch + "-again", new IngestEnvelope("demo", "web", events))));
            sent += events.size();
        }

        double unitsPerEvent = meter.writeUnits() / sent;
        System.out.printf("session-shaped load: %d events, %.1f WCU, %.3f WCU per event, %d write requests%n", sent,
                meter.writeUnits(), unitsPerEvent, meter.writeRequests());
        assertThat(meter.writeRequests()).isPositive();
        assertThat(unitsPerEvent).isLessThanOrEqualTo(0.25);
    }

    @Test
    void givenBlockedIdentifier_whenLinkingDuringAndAfterTheBlock_thenOnlyTheEndedBlockIsReplaced() {
        IdentityGraphPort graph = stack.tally.context().getBean(IdentityGraphPort.class);
        Identifier identifier = new Identifier(IdentifierType.USER_ID, "block-ends");
        Instant until = Instant.parse("2026-11-25T12:00:00.500Z");
        graph.block("demo", identifier, until);

        boolean duringBlock = graph.linkIfAbsent("demo", identifier, "c_during", until.minusMillis(1));
        boolean afterBlock = graph.linkIfAbsent("demo", identifier, "c_after", until.plusSeconds(1));
        boolean overALink = graph.linkIfAbsent("demo", identifier, "c_other", until.plusSeconds(2));

        assertThat(duringBlock).isFalse();
        assertThat(afterBlock).isTrue();
        assertThat(overALink).isFalse();
        assertThat(graph.find("demo", List.of(identifier)))
                .containsEntry(identifier, new IdentityGraphPort.Link("c_after", null));
    }
}
