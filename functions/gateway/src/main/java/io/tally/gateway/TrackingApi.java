package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.tally.aws.json.EventCodec;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import io.tally.core.domain.event.SegmentEventReader;
import io.tally.core.port.in.AuthenticateUseCase;
import io.tally.core.port.in.IngestEventsUseCase;
import io.tally.core.port.in.IngestEventsUseCase.IngestCommand;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The web adapter of the Tracking API: authenticates the channel key (header or {@code writeKey} in the body),
 * reads the payload into events and hands them to {@link IngestEventsUseCase}.
 */
@Singleton
public class TrackingApi {

    private final AuthenticateUseCase authenticate;
    private final IngestEventsUseCase ingest;
    private final EventCodec codec;
    private final Clock clock;
    private final SegmentEventReader reader = new SegmentEventReader(() -> UUID.randomUUID().toString());

    public TrackingApi(AuthenticateUseCase authenticate, IngestEventsUseCase ingest, EventCodec codec, Clock clock) {
        this.authenticate = authenticate;
        this.ingest = ingest;
        this.codec = codec;
        this.clock = clock;
    }

    /** One event posted to {@code /v1/<type>}. */
    public IngestResponse single(EventType type, HttpRequest<?> request, byte[] body) {
        Instant receivedAt = clock.instant();
        Optional<Principal> byHeader = senderFromHeader(request);
        Map<String, Object> json = codec.parseObject(body);
        Principal sender = byHeader.orElseGet(() -> senderFromBody(json));
        ConsumerEvent event = reader.readSingle(json, type, receivedAt);
        var receipt = ingest.ingest(new IngestCommand(sender, List.of(event)));
        return new IngestResponse(true, receipt.accepted(), List.of());
    }

    /** A {@code batch}/{@code import} payload: valid events are accepted, invalid ones listed as rejected. */
    public IngestResponse batch(HttpRequest<?> request, byte[] body) {
        Instant receivedAt = clock.instant();
        Optional<Principal> byHeader = senderFromHeader(request);
        Map<String, Object> json = codec.parseObject(body);
        Principal sender = byHeader.orElseGet(() -> senderFromBody(json));
        SegmentEventReader.BatchReadResult read = reader.readBatch(json, receivedAt);
        var receipt = ingest.ingest(new IngestCommand(sender, read.accepted()));
        List<IngestResponse.RejectedEvent> rejected = read.rejected().stream()
                .map(r -> new IngestResponse.RejectedEvent(r.index(), r.errors())).toList();
        return new IngestResponse(true, receipt.accepted(), rejected);
    }

    /** A key in the Authorization header is checked before the body is even parsed. */
    private Optional<Principal> senderFromHeader(HttpRequest<?> request) {
        return ApiKeys.fromAuthorization(request).map(key -> authenticate.authenticate(key, KeyRole.WRITE));
    }

    /** Segment's alternative: {@code "writeKey"} in the JSON body. */
    private Principal senderFromBody(Map<String, Object> json) {
        return authenticate.authenticate(json.get("writeKey") instanceof String s ? s : null, KeyRole.WRITE);
    }
}
