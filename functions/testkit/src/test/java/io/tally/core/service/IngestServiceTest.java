package io.tally.core.service;

import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.port.in.IngestEventsUseCase.IngestCommand;
import io.tally.core.port.in.IngestEventsUseCase.IngestReceipt;
import io.tally.core.port.out.QueueUnavailableException;
import io.tally.testkit.InMemoryEventQueue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tally.testkit.ConsumerEventBuilder.aTrackEvent;
import static io.tally.testkit.ConsumerEventBuilder.anIdentifyEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IngestServiceTest {

    private static final Principal WEB_SENDER = new Principal("acme", "web", KeyRole.WRITE, "key_1");

    private final InMemoryEventQueue queue = new InMemoryEventQueue();
    private final IngestService service = new IngestService(queue);

    @Test
    void givenEvents_whenIngesting_thenQueuesThemAsOneEnvelopeOfTheSendersBrandAndChannel() {
        List<ConsumerEvent> events = List.of(
                aTrackEvent().withAnonymousId("a1").build(),
                anIdentifyEvent().withUserId("u1").build(),
                aTrackEvent().withAnonymousId("a2").build());

        IngestReceipt receipt = service.ingest(new IngestCommand(WEB_SENDER, events));

        assertThat(receipt.accepted()).isEqualTo(3);
        assertThat(queue.envelopes()).containsExactly(new IngestEnvelope("acme", "web", events));
    }

    @Test
    void givenTwoSenders_whenIngesting_thenEachEnvelopeCarriesItsOwnSender() {
        ConsumerEvent fromWeb = aTrackEvent().withAnonymousId("a1").build();
        ConsumerEvent fromPos = aTrackEvent().withUserId("u1").build();

        service.ingest(new IngestCommand(WEB_SENDER, List.of(fromWeb)));
        service.ingest(new IngestCommand(new Principal("globex", "pos", KeyRole.WRITE, "key_2"), List.of(fromPos)));

        assertThat(queue.envelopes()).containsExactly(
                new IngestEnvelope("acme", "web", List.of(fromWeb)),
                new IngestEnvelope("globex", "pos", List.of(fromPos)));
    }

    @Test
    void givenNoEvents_whenIngesting_thenQueuesNothingAndAcceptsZero() {
        IngestReceipt receipt = service.ingest(new IngestCommand(WEB_SENDER, List.of()));

        assertThat(receipt.accepted()).isZero();
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenRefusingQueue_whenIngesting_thenQueueUnavailablePropagatesAndNothingIsQueued() {
        queue.refuse(true);
        var command = new IngestCommand(WEB_SENDER, List.of(aTrackEvent().build()));

        assertThatExceptionOfType(QueueUnavailableException.class).isThrownBy(() -> service.ingest(command));
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenQueueThatRecovers_whenIngestingAgain_thenEventsAreQueued() {
        queue.refuse(true);
        var command = new IngestCommand(WEB_SENDER, List.of(aTrackEvent().build()));
        assertThatExceptionOfType(QueueUnavailableException.class).isThrownBy(() -> service.ingest(command));
        queue.refuse(false);

        IngestReceipt receipt = service.ingest(command);

        assertThat(receipt.accepted()).isEqualTo(1);
        assertThat(queue.events()).isEqualTo(command.events());
    }
}
