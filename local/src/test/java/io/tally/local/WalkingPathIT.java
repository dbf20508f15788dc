package io.tally.local;

import io.tally.aws.json.EventCodec;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.testkit.ConsumerEventBuilder;
import io.tally.testkit.SampleEvents;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: the walking path on the whole local stack (embedded DynamoDB Local, ElasticMQ, S3Proxy;
 * gateway on 127.0.0.1; queue pollers invoking the processor's Lambda handler). Needs only the JVM.
 */
class WalkingPathIT {

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    @Test
    void givenTrackEvent_whenPosted_thenConsumerShowsItCountedWithinTwoSeconds() {
        var response = stack.track("demo", "web", Map.of("type", "track", "event", "Product Viewed",
                "anonymousId", "walk-1"));

        assertThat(response.status()).isEqualTo(200);
        Optional<Map<String, Object>> consumer = LocalStackFixture.eventually(Duration.ofSeconds(2),
                () -> stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "walk-1"));
        assertThat(consumer).hasValueSatisfying(c -> {
            assertThat(c).containsEntry("eventCount", 1).containsEntry("brandId", "demo");
            assertThat(c.get("channels")).isEqualTo(List.of("web"));
        });
    }

    @Test
    void givenEventsFromTwoChannels_whenProcessed_thenOneProfileCountsBoth() {
        stack.track("demo", "web", Map.of("type", "track", "event", "Product Viewed", "userId", "walk-2"));
        stack.track("demo", "pos", Map.of("type", "track", "event", "Order Completed", "userId", "walk-2"));

        Optional<Map<String, Object>> consumer = LocalStackFixture.eventually(Duration.ofSeconds(5),
                () -> stack.consumer("demo", IdentifierType.USER_ID, "walk-2")
                        .filter(c -> ((Number) c.get("eventCount")).intValue() == 2));
        assertThat(consumer).hasValueSatisfying(c -> assertThat(c.get("channels")).isEqualTo(List.of("pos", "web")));
    }

    @Test
    void givenMalformedBody_whenPosted_then400NamesTheProblemAndNothingIsQueued() {
        int queuedBefore = stack.approximateMessages(stack.queueUrl(TallyCatalog.INGEST_QUEUE));
        var response = stack.gateway.send("POST", "/v1/track", stack.keys.writeKey("demo", "web"),
                Map.of("type", "track", "anonymousId", "walk-3"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).containsEntry("code", "invalid_event").containsEntry("field", "event");
        assertThat(stack.approximateMessages(stack.queueUrl(TallyCatalog.INGEST_QUEUE))).isEqualTo(queuedBefore);
        assertThat(stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "walk-3")).isEmpty();
    }

    @Test
    void givenWrongKey_whenPosted_then401AndNoConsumerAppears() throws InterruptedException {
        var response = stack.gateway.send("POST", "/v1/track", "tw_wrong",
                Map.of("type", "track", "event", "Product Viewed", "anonymousId", "walk-4"));

        assertThat(response.status()).isEqualTo(401);
        Thread.sleep(500);
        assertThat(stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "walk-4")).isEmpty();
    }

    @Test
    void givenKeyOfAnotherBrand_whenReadingAConsumer_thenItIsNotFound() {
        stack.track("demo", "web", Map.of("type", "track", "event", "Product Viewed", "anonymousId", "walk-5"));
        LocalStackFixture.eventually(Duration.ofSeconds(2), () -> stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "walk-5"));

        var response = stack.gateway.send("GET", "/v1/consumers?anonymousId=walk-5", stack.keys.adminKey("other"), null);

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void givenSameQueueMessageDeliveredTwice_whenProcessed_thenTheEventIsCountedOnce() {
        EventCodec codec = stack.tally.context().getBean(EventCodec.class);
        var event = ConsumerEventBuilder.aTrackEvent().withAnonymousId("walk-6").withMessageId("walk-6-msg").build();
        byte[] envelope = codec.envelopeJson("demo", "web", List.of(codec.write(codec.toJson(event))));
        String queueUrl = stack.queueUrl(TallyCatalog.INGEST_QUEUE);
        for (int delivery = 0; delivery < 2; delivery++) {
            stack.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(new String(envelope, StandardCharsets.UTF_8)));
        }

        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(10))).isTrue();
        assertThat(stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "walk-6"))
                .hasValueSatisfying(c -> assertThat(c).containsEntry("eventCount", 1));
        assertThat(codec.readEnvelope(new String(envelope, StandardCharsets.UTF_8)))
                .extracting(IngestEnvelope::events).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
    }

    @Test
    void givenUndecodableQueueMessage_whenProcessingKeepsFailing_thenItMovesToTheDeadLetterQueue() {
        String queueUrl = stack.queueUrl(TallyCatalog.INGEST_QUEUE);
        String dlqUrl = stack.sqs().getQueueUrl(r -> r.queueName(Provisioner.PREFIX
                + TallyCatalog.INGEST_QUEUE.deadLetterName())).queueUrl();
        stack.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody("not an envelope"));

        Optional<String> deadLetter = LocalStackFixture.eventually(Duration.ofSeconds(20), () -> stack.sqs()
                .receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1)).messages().stream()
                .map(m -> m.body()).findFirst());

        assertThat(deadLetter).contains("not an envelope");
    }

    @Test
    void givenSampleBatch_whenImported_thenValidEventsArriveAndTheInvalidOneIsListed() throws Exception {
        Map<String, Object> batch = stack.json.readValue(SampleEvents.text("payloads/batch.json"),
                io.micronaut.core.type.Argument.mapOf(String.class, Object.class));

        var response = stack.gateway.send("POST", "/v1/import/", stack.keys.writeKey("demo", "web"), batch);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("accepted", 3);
        assertThat(LocalStackFixture.eventually(Duration.ofSeconds(3), () -> stack.consumer("demo",
                IdentifierType.USER_ID, "member-42").filter(c -> ((Number) c.get("eventCount")).intValue() == 3)))
                .isPresent();
    }
}
