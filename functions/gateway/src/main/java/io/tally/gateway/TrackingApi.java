package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.tally.aws.json.EventCodec;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import io.tally.core.domain.event.IngestLimits;
import io.tally.core.domain.event.PayloadTooLargeException;
import io.tally.core.domain.event.SegmentEventReader;
import io.tally.core.domain.identity.PiiProtector;
import io.tally.core.port.out.BrandSettingsPort;
import io.tally.core.domain.quarantine.QuarantinedEvent;
import io.tally.core.port.in.AuthenticateUseCase;
import io.tally.core.port.in.IngestEventsUseCase;
import io.tally.core.port.in.IngestEventsUseCase.IngestCommand;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web adapter of the Tracking API: enforces the size limits, authenticates the channel key (header or
 * {@code writeKey} in the body), applies the key's rate limit, tokenizes phone numbers and emails, reads the
 * payload into events and hands them — with the rejected ones, for the quarantine — to
 * {@link IngestEventsUseCase}.
 */
@Singleton
public class TrackingApi {

    private final AuthenticateUseCase authenticate;
    private final IngestEventsUseCase ingest;
    private final EventCodec codec;
    private final Clock clock;
    private final SegmentEventReader reader;
    private final RateLimiter rateLimiter;
    private final PiiProtector pii;
    private final BrandSettingsPort brands;

    public TrackingApi(AuthenticateUseCase authenticate, IngestEventsUseCase ingest, EventCodec codec, Clock clock,
                       SegmentEventReader reader, RateLimiter rateLimiter, PiiProtector pii, BrandSettingsPort brands) {
        this.authenticate = authenticate;
        this.ingest = ingest;
        this.codec = codec;
        this.clock = clock;
        this.reader = reader;
        this.rateLimiter = rateLimiter;
        this.pii = pii;
        this.brands = brands;
    }

    /** One event posted to {@code /v1/<type>}. */
    public IngestResponse single(EventType type, HttpRequest<?> request, byte[] body) {
        Instant receivedAt = clock.instant();
        Optional<Principal> byHeader = senderFromHeader(request);
        if (body.length > IngestLimits.MAX_EVENT_BYTES) {
            throw new PayloadTooLargeException("an event may be at most " + IngestLimits.MAX_EVENT_BYTES
                    + " bytes; this one is " + body.length);
        }
        Map<String, Object> json = codec.parseObject(body);
        Principal sender = byHeader.orElseGet(() -> senderFromBody(json));
        rateLimiter.acquire(sender.keyId(), 1);
        Map<String, Object> protectedJson = protect(sender, json);
        ConsumerEvent event = reader.readSingle(protectedJson, type, receivedAt);
        var receipt = ingest.ingest(new IngestCommand(sender, receivedAt, List.of(event), List.of()));
        return new IngestResponse(true, receipt.accepted(), List.of());
    }

    /**
     * A {@code batch}/{@code import} payload: valid events are accepted, invalid ones quarantined and listed
     * as rejected with their index and errors.
     */
    public IngestResponse batch(HttpRequest<?> request, byte[] body) {
        Instant receivedAt = clock.instant();
        Optional<Principal> byHeader = senderFromHeader(request);
        if (body.length > IngestLimits.MAX_BATCH_BYTES) {
            throw new PayloadTooLargeException("a batch may be at most " + IngestLimits.MAX_BATCH_BYTES
                    + " bytes; this one is " + body.length);
        }
        Map<String, Object> json = codec.parseObject(body);
        Principal sender = byHeader.orElseGet(() -> senderFromBody(json));
        if (json.get("batch") instanceof List<?> items && items.size() <= IngestLimits.MAX_BATCH_EVENTS) {
            rateLimiter.acquire(sender.keyId(), items.size());
        }
        boolean mayHoldLargeItems = body.length > IngestLimits.MAX_EVENT_BYTES;
        SegmentEventReader.BatchReadResult read = reader.readBatch(
                pii.protectBatch(sender.brandId(), json, brands.identityPolicy(sender.brandId())), receivedAt,
                item -> mayHoldLargeItems ? codec.write(item).length : 0);
        List<QuarantinedEvent> rejected = read.rejected().stream()
                .map(r -> new QuarantinedEvent(r.index(), r.raw(), r.errors())).toList();
        var receipt = ingest.ingest(new IngestCommand(sender, receivedAt, read.accepted(), rejected));
        return new IngestResponse(true, receipt.accepted(), read.rejected().stream()
                .map(r -> new IngestResponse.RejectedEvent(r.index(), r.errors())).toList());
    }

    /** Phone numbers and emails become keyed-hash tokens before the event is read, queued or quarantined. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> protect(Principal sender, Map<String, Object> json) {
        return (Map<String, Object>) pii.protect(sender.brandId(), json, brands.identityPolicy(sender.brandId()));
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
