package io.tally.core.domain.event;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Reads Segment Tracking API payloads (already parsed into JSON maps) into {@link ConsumerEvent}s, collecting
 * every field error with its JSON path. Applies the Tracking API's clock-skew correction:
 * {@code timestamp = receivedAt − (sentAt − originalTimestamp)} when the sender gave no explicit timestamp.
 */
public final class SegmentEventReader {

    /** Longest identifier, name or message id accepted. */
    public static final int MAX_ID_LENGTH = 255;

    private final Supplier<String> messageIdGenerator;

    /** @param messageIdGenerator makes a message id for events that arrive without one */
    public SegmentEventReader(Supplier<String> messageIdGenerator) {
        this.messageIdGenerator = messageIdGenerator;
    }

    /**
     * Reads one event posted to the endpoint of {@code pathType} (its {@code type} field may be omitted).
     *
     * @throws InvalidEventException naming every offending field
     */
    public ConsumerEvent readSingle(Map<String, Object> body, EventType pathType, Instant receivedAt) {
        List<FieldError> errors = new ArrayList<>();
        ConsumerEvent event = read(body, "", pathType, receivedAt, errors);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
        return event;
    }

    /**
     * Reads a {@code batch}/{@code import} payload: its envelope must be valid, while each invalid event is
     * rejected on its own with its index and the valid ones are kept.
     *
     * @throws InvalidEventException when the envelope itself (the {@code batch} array, batch-level
     *                               {@code context}/{@code integrations}) is malformed
     */
    public BatchReadResult readBatch(Map<String, Object> body, Instant receivedAt) {
        return readBatch(body, receivedAt, item -> 0);
    }

    /**
     * As {@link #readBatch(Map, Instant)}, rejecting items whose size (as measured by {@code itemSize}, in
     * bytes of JSON) exceeds {@link IngestLimits#MAX_EVENT_BYTES}.
     *
     * @throws PayloadTooLargeException when the batch holds more than {@link IngestLimits#MAX_BATCH_EVENTS}
     */
    public BatchReadResult readBatch(Map<String, Object> body, Instant receivedAt, ToIntFunction<Object> itemSize) {
        List<FieldError> envelopeErrors = new ArrayList<>();
        Object batch = body.get("batch");
        if (!(batch instanceof List<?> items)) {
            throw new InvalidEventException(new FieldError("batch",
                    batch == null ? "required" : "invalid_type", "batch must be an array of events"));
        }
        Map<String, Object> batchContext = object(body, "context", "", envelopeErrors);
        Map<String, Object> batchIntegrations = object(body, "integrations", "", envelopeErrors);
        Instant batchSentAt = instant(body, "sentAt", "", envelopeErrors);
        if (!envelopeErrors.isEmpty()) {
            throw new InvalidEventException(envelopeErrors);
        }
        if (items.size() > IngestLimits.MAX_BATCH_EVENTS) {
            throw new PayloadTooLargeException("a batch holds at most " + IngestLimits.MAX_BATCH_EVENTS
                    + " events; this one has " + items.size());
        }
        List<ConsumerEvent> accepted = new ArrayList<>(items.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            int size = itemSize.applyAsInt(item);
            if (size > IngestLimits.MAX_EVENT_BYTES) {
                rejected.add(new Rejection(i, item, List.of(new FieldError("batch[" + i + "]", "too_large",
                        "an event may be at most " + IngestLimits.MAX_EVENT_BYTES + " bytes; this one is " + size))));
                continue;
            }
            Object merged = item instanceof Map<?, ?> map ? withBatchLevel(cast(map), batchSentAt, batchContext,
                    batchIntegrations) : item;
            ItemResult result = readItem(merged, "batch[" + i + "]", receivedAt);
            if (result.event() != null) {
                accepted.add(result.event());
            } else {
                rejected.add(new Rejection(i, merged, result.errors()));
            }
        }
        return new BatchReadResult(accepted, rejected);
    }

    /**
     * Reads one batch item (or a quarantined event being replayed) on its own; {@code path} prefixes the
     * field paths of its errors.
     */
    public ItemResult readItem(Object item, String path, Instant receivedAt) {
        if (!(item instanceof Map<?, ?> map)) {
            return new ItemResult(null, List.of(new FieldError(path, "invalid_type",
                    "each batch item must be an event object")));
        }
        List<FieldError> errors = new ArrayList<>();
        ConsumerEvent event = read(cast(map), path + ".", null, receivedAt, errors);
        return errors.isEmpty() ? new ItemResult(event, List.of()) : new ItemResult(null, errors);
    }

    /** An item read on its own: the event, or why not. */
    public record ItemResult(ConsumerEvent event, List<FieldError> errors) {
    }

    /**
     * The item with the batch-level {@code sentAt}, {@code context} and {@code integrations} folded in (item
     * keys win), so it can later be read, stored or replayed on its own.
     */
    private static Map<String, Object> withBatchLevel(Map<String, Object> event, Instant batchSentAt,
                                                      Map<String, Object> batchContext,
                                                      Map<String, Object> batchIntegrations) {
        if (batchSentAt == null && batchContext.isEmpty() && batchIntegrations.isEmpty()) {
            return event;
        }
        Map<String, Object> copy = new LinkedHashMap<>(event);
        if (batchSentAt != null && event.get("sentAt") == null) {
            copy.put("sentAt", batchSentAt.toString());
        }
        mergeInto(copy, "context", batchContext);
        mergeInto(copy, "integrations", batchIntegrations);
        return copy;
    }

    private static void mergeInto(Map<String, Object> event, String field, Map<String, Object> batchLevel) {
        if (batchLevel.isEmpty()) {
            return;
        }
        Object own = event.get(field);
        if (own == null) {
            event.put(field, batchLevel);
        } else if (own instanceof Map<?, ?> ownMap) {
            Map<String, Object> merged = new LinkedHashMap<>(batchLevel);
            merged.putAll(cast(ownMap));
            event.put(field, merged);
        }
    }

    private ConsumerEvent read(Map<String, Object> body, String path, EventType pathType, Instant receivedAt,
                               List<FieldError> errors) {
        EventType type = type(body, path, pathType, errors);
        String userId = id(body, "userId", path, errors);
        String anonymousId = id(body, "anonymousId", path, errors);
        if (userId == null && anonymousId == null && !hasField(errors, path + "userId")
                && !hasField(errors, path + "anonymousId")) {
            errors.add(new FieldError(path + "userId", "required", "userId or anonymousId is required"));
        }
        String messageId = id(body, "messageId", path, errors);
        String event = text(body, "event", path, errors);
        String name = text(body, "name", path, errors);
        String groupId = id(body, "groupId", path, errors);
        String previousId = id(body, "previousId", path, errors);
        if (type == EventType.TRACK && event == null) {
            requireMissing(body, "event", path, "a track call needs the event name", errors);
        }
        if (type == EventType.GROUP && groupId == null) {
            requireMissing(body, "groupId", path, "a group call needs a groupId", errors);
        }
        if (type == EventType.ALIAS && previousId == null) {
            requireMissing(body, "previousId", path, "an alias call needs a previousId", errors);
        }
        Map<String, Object> context = object(body, "context", path, errors);
        Map<String, Object> integrations = object(body, "integrations", path, errors);
        Map<String, Object> properties = object(body, "properties", path, errors);
        Map<String, Object> traits = object(body, "traits", path, errors);
        Instant timestamp = instant(body, "timestamp", path, errors);
        Instant originalTimestamp = instant(body, "originalTimestamp", path, errors);
        Instant sentAt = instant(body, "sentAt", path, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        Instant eventTime = eventTime(timestamp, originalTimestamp, sentAt, receivedAt);
        return new ConsumerEvent(type, messageId != null ? messageId : messageIdGenerator.get(), userId,
                anonymousId, event, name, groupId, previousId, eventTime, receivedAt, context, integrations,
                properties, traits);
    }

    /** Tracking API semantics: an explicit timestamp wins; otherwise correct the device clock by the send delay. */
    static Instant eventTime(Instant timestamp, Instant originalTimestamp, Instant sentAt, Instant receivedAt) {
        if (timestamp != null) {
            return timestamp;
        }
        if (originalTimestamp != null && sentAt != null) {
            return receivedAt.minus(Duration.between(originalTimestamp, sentAt));
        }
        return originalTimestamp != null ? originalTimestamp : receivedAt;
    }

    private static EventType type(Map<String, Object> body, String path, EventType pathType,
                                  List<FieldError> errors) {
        Object raw = body.get("type");
        if (raw == null) {
            if (pathType == null) {
                errors.add(new FieldError(path + "type", "required",
                        "type is required: one of identify, track, page, screen, group, alias"));
            }
            return pathType;
        }
        Optional<EventType> type = raw instanceof String s ? EventType.fromWireName(s) : Optional.empty();
        if (type.isEmpty()) {
            errors.add(new FieldError(path + "type", "invalid_value",
                    "type must be one of identify, track, page, screen, group, alias"));
            return pathType;
        }
        if (pathType != null && type.get() != pathType) {
            errors.add(new FieldError(path + "type", "invalid_value",
                    "type '" + raw + "' does not match the endpoint /v1/" + pathType.wireName()));
        }
        return type.get();
    }

    private static String id(Map<String, Object> body, String field, String path, List<FieldError> errors) {
        Object raw = body.get(field);
        if (raw instanceof Number number) {
            raw = number.toString();
        }
        return checkedText(raw, field, path, errors);
    }

    private static String text(Map<String, Object> body, String field, String path, List<FieldError> errors) {
        return checkedText(body.get(field), field, path, errors);
    }

    private static String checkedText(Object raw, String field, String path, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String s)) {
            errors.add(new FieldError(path + field, "invalid_type", field + " must be a string"));
            return null;
        }
        if (s.isBlank()) {
            errors.add(new FieldError(path + field, "blank", field + " must not be blank"));
            return null;
        }
        if (s.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(path + field, "too_long",
                    field + " must be at most " + MAX_ID_LENGTH + " characters"));
            return null;
        }
        return s;
    }

    private static void requireMissing(Map<String, Object> body, String field, String path, String message,
                                       List<FieldError> errors) {
        if (!body.containsKey(field) || body.get(field) == null) {
            errors.add(new FieldError(path + field, "required", message));
        }
    }

    private static Map<String, Object> object(Map<String, Object> body, String field, String path,
                                              List<FieldError> errors) {
        Object raw = body.get(field);
        if (raw == null) {
            return Map.of();
        }
        if (raw instanceof Map<?, ?> map) {
            return Collections.unmodifiableMap(cast(map));
        }
        errors.add(new FieldError(path + field, "invalid_type", field + " must be an object"));
        return Map.of();
    }

    private static Instant instant(Map<String, Object> body, String field, String path, List<FieldError> errors) {
        Object raw = body.get(field);
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new FieldError(path + field, "invalid_timestamp",
                field + " must be an ISO-8601 date-time with offset, e.g. 2026-11-25T09:30:00.000Z"));
        return null;
    }

    private static boolean hasField(List<FieldError> errors, String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** The outcome of reading a batch: the events kept and, per rejected index, why. */
    public record BatchReadResult(List<ConsumerEvent> accepted, List<Rejection> rejected) {
    }

    /** A batch item that was not accepted, with the raw item as sent. */
    public record Rejection(int index, Object raw, List<FieldError> errors) {
    }
}
