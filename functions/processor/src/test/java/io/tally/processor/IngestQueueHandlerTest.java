package io.tally.processor;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.testkit.InMemoryProfileStore;
import io.tally.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit scope: the processor's Lambda handler on the sample SQS batch in {@code events/processor}, over the
 * testkit's in-memory profile store. Needs no network.
 */
class IngestQueueHandlerTest {

    private static final String UNDECODABLE = "5f1b2a9e-0000-4000-8000-000000000003";

    private ApplicationContext context;
    private IngestQueueHandler handler;
    private InMemoryProfileStore profiles;

    @BeforeEach
    void start() {
        context = ApplicationContext.run(java.util.Map.of("tally.identity.hash-secret", "test-hash-secret-of-32-bytes-len"));
        handler = new IngestQueueHandler(context);
        profiles = context.getBean(InMemoryProfileStore.class);
    }

    @AfterEach
    void stop() {
        handler.close();
    }

    @Test
    void givenSampleBatch_whenHandled_thenProfilesHoldTheEventsAndOnlyTheUndecodableMessageFails() throws IOException {
        SQSBatchResponse response = handler.handleRequest(sampleBatch(), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(UNDECODABLE);
        ConsumerProfile anonymous = profile(IdentifierType.ANONYMOUS_ID, "a1");
        assertThat(anonymous.eventCount()).isEqualTo(2);
        assertThat(anonymous.firstSeen()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(anonymous.lastSeen()).isEqualTo(Instant.parse("2026-11-25T09:01:00Z"));
        assertThat(anonymous.channels()).containsExactly("web");
        ConsumerProfile member = profile(IdentifierType.USER_ID, "member-42");
        assertThat(member.eventCount()).isEqualTo(1);
        assertThat(member.channels()).containsExactly("pos");
    }

    @Test
    void givenSampleBatch_whenHandled_thenEachConsumerIsWrittenOnce() throws IOException {
        handler.handleRequest(sampleBatch(), null);

        assertThat(profiles.writes()).isEqualTo(2);
    }

    @Test
    void givenBatchRedelivered_whenHandledAgain_thenNothingIsCountedTwiceAndNothingIsWritten() throws IOException {
        handler.handleRequest(sampleBatch(), null);
        int writesAfterFirstDelivery = profiles.writes();

        SQSBatchResponse redelivery = handler.handleRequest(sampleBatch(), null);

        assertThat(redelivery.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(UNDECODABLE);
        assertThat(profile(IdentifierType.ANONYMOUS_ID, "a1").eventCount()).isEqualTo(2);
        assertThat(profile(IdentifierType.USER_ID, "member-42").eventCount()).isEqualTo(1);
        assertThat(profiles.writes()).isEqualTo(writesAfterFirstDelivery);
    }

    private SQSEvent sampleBatch() throws IOException {
        return context.getBean(JsonMapper.class).readValue(SampleEvents.text("processor/sqs-ingest-batch.json"),
                SQSEvent.class);
    }

    private ConsumerProfile profile(IdentifierType type, String value) {
        return context.getBean(io.tally.core.port.in.GetConsumerUseCase.class)
                .findByIdentifier("demo", new io.tally.core.domain.identity.Identifier(type, value)).orElseThrow();
    }
}
