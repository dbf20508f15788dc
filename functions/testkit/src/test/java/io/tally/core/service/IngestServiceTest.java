package io.tally.core.service;

import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.port.in.IngestEventsUseCase.IngestCommand;
import io.tally.core.port.in.IngestEventsUseCase.IngestReceipt;
import io.tally.core.port.out.QueueUnavailableException;
import io.tally.testkit.InMemoryEventQueue;
import io.tally.testkit.InMemoryQuarantine;
import io.tally.core.domain.event.FieldError;
import io.tally.core.domain.quarantine.QuarantineBatch;
import io.tally.core.domain.quarantine.QuarantinedEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tally.testkit.ConsumerEventBuilder.aTrackEvent;
import static io.tally.testkit.ConsumerEventBuilder.anIdentifyEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IngestServiceTest {

    private static final Principal WEB_SENDER = new Principal("acme", "web", KeyRole.WRITE, "key_1");

    private final InMemoryEventQueue queue = new InMemoryEventQueue();
    private final InMemoryQuarantine quarantine = new InMemoryQuarantine();
    private final IngestService service = new IngestService(queue, quarantine);

    @Test
    void givenEvents_whenIngesting_thenQueuesThemAsOneEnvelopeOfTheSendersBrandAndChannel() {
        List<ConsumerEvent> events = List.of(
                aTrackEvent().withAnonymousId("a1").build(),
                anIdentifyEvent().withUserId("u1").build(),
                aTrackEvent().withAnonymousId("a2").build());

        IngestReceipt receipt = service.ingest(command(WEB_SENDER, events));

        assertThat(receipt.accepted()).isEqualTo(3);
        assertThat(queue.envelopes()).containsExactly(new IngestEnvelope("acme", "web", events));
    }

    @Test
    void givenTwoSenders_whenIngesting_thenEachEnvelopeCarriesItsOwnSender() {
        ConsumerEvent fromWeb = aTrackEvent().withAnonymousId("a1").build();
        ConsumerEvent fromPos = aTrackEvent().withUserId("u1").build();

        service.ingest(command(WEB_SENDER, List.of(fromWeb)));
        service.ingest(command(new Principal("globex", "pos", KeyRole.WRITE, "key_2"), List.of(fromPos)));

        assertThat(queue.envelopes()).containsExactly(
                new IngestEnvelope("acme", "web", List.of(fromWeb)),
                new IngestEnvelope("globex", "pos", List.of(fromPos)));
    }

    @Test
    void givenNoEvents_whenIngesting_thenQueuesNothingAndAcceptsZero() {
        IngestReceipt receipt = service.ingest(command(WEB_SENDER, List.of()));

        assertThat(receipt.accepted()).isZero();
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenRefusingQueue_whenIngesting_thenQueueUnavailablePropagatesAndNothingIsQueued() {
        queue.refuse(true);
        var command = command(WEB_SENDER, List.of(aTrackEvent().build()));

        assertThatExceptionOfType(QueueUnavailableException.class).isThrownBy(() -> service.ingest(command));
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenQueueThatRecovers_whenIngestingAgain_thenEventsAreQueued() {
        queue.refuse(true);
        var command = command(WEB_SENDER, List.of(aTrackEvent().build()));
        assertThatExceptionOfType(QueueUnavailableException.class).isThrownBy(() -> service.ingest(command));
        queue.refuse(false);

        IngestReceipt receipt = service.ingest(command);

        assertThat(receipt.accepted()).isEqualTo(1);
        assertThat(queue.events()).isEqualTo(command.events());
    }

    @Test
    void givenRejectedEventsOfTwoReasons_whenIngesting_thenEachReasonIsQuarantinedAsOneBatchAndValidOnesQueued() {
        var valid = aTrackEvent().withAnonymousId("a1").build();
        var noIds = new QuarantinedEvent(1, Map.of("type", "track", "event", "x"),
                List.of(new FieldError("batch[1].userId", "required", "userId or anonymousId is required")));
        var noName = new QuarantinedEvent(2, Map.of("type", "track", "userId", "u"),
                List.of(new FieldError("batch[2].event", "required", "a track call needs the event name")));
        var alsoNoIds = new QuarantinedEvent(3, Map.of("type", "page"),
                List.of(new FieldError("batch[3].userId", "required", "userId or anonymousId is required")));

        IngestReceipt receipt = service.ingest(new IngestCommand(WEB_SENDER, NOW, List.of(valid),
                List.of(noIds, noName, alsoNoIds)));

        assertThat(receipt.accepted()).isEqualTo(1);
        assertThat(receipt.quarantined()).isEqualTo(3);
        assertThat(queue.events()).containsExactly(valid);
        assertThat(quarantine.list("acme", java.time.LocalDate.of(2026, 11, 25), null))
                .extracting(QuarantineBatch::reason, b -> b.events().size(), QuarantineBatch::channelId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("required", 3, "web"));
    }

    @Test
    void givenRefusingQuarantine_whenIngestingWithRejects_thenFailsAndQueuesNothing() {
        quarantine.refuse(true);
        var rejected = new QuarantinedEvent(0, Map.of(), List.of(new FieldError("batch[0].type", "required", "x")));
        var command = new IngestCommand(WEB_SENDER, NOW, List.of(aTrackEvent().build()), List.of(rejected));

        assertThatExceptionOfType(QueueUnavailableException.class).isThrownBy(() -> service.ingest(command));
        assertThat(queue.envelopes()).isEmpty();
    }

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    private static IngestCommand command(Principal sender, List<ConsumerEvent> events) {
        return new IngestCommand(sender, NOW, events, List.of());
    }
}
