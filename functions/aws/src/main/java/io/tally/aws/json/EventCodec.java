package io.tally.aws.json;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import io.tally.core.domain.event.IngestEnvelope;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON form of events and ingest envelopes, as they travel on the ingest queue. An envelope message is
 * {@code {"v":1,"brandId":…,"channelId":…,"events":[…]}}; each event keeps the Tracking API field names.
 */
@Singleton
public class EventCodec {

    /** Version of the queue message format. */
    public static final int FORMAT_VERSION = 1;

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final JsonMapper json;

    public EventCodec(JsonMapper json) {
        this.json = json;
    }

    /** Parses a JSON object; throws {@link MalformedJsonException} if the text is not one. */
    public Map<String, Object> parseObject(byte[] body) {
        try {
            Map<String, Object> parsed = json.readValue(body, JSON_OBJECT);
            if (parsed == null) {
                throw new MalformedJsonException("the body must be a JSON object", null);
            }
            return parsed;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedJsonException malformed) {
                throw malformed;
            }
            throw new MalformedJsonException("the body is not a valid JSON object: " + firstLine(e.getMessage()), e);
        }
    }

    public byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public Map<String, Object> toJson(ConsumerEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", event.type().wireName());
        out.put("messageId", event.messageId());
        putIfPresent(out, "userId", event.userId());
        putIfPresent(out, "anonymousId", event.anonymousId());
        putIfPresent(out, "event", event.event());
        putIfPresent(out, "name", event.name());
        putIfPresent(out, "groupId", event.groupId());
        putIfPresent(out, "previousId", event.previousId());
        out.put("timestamp", event.timestamp().toString());
        out.put("receivedAt", event.receivedAt().toString());
        putIfNotEmpty(out, "context", event.context());
        putIfNotEmpty(out, "integrations", event.integrations());
        putIfNotEmpty(out, "properties", event.properties());
        putIfNotEmpty(out, "traits", event.traits());
        return out;
    }

    /** An envelope message from events already serialized by {@link #write}, so packing measures each once. */
    public byte[] envelopeJson(String brandId, String channelId, List<byte[]> serializedEvents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelopeOverhead(brandId, channelId)
                + serializedEvents.stream().mapToInt(e -> e.length + 1).sum());
        out.writeBytes(("{\"v\":" + FORMAT_VERSION + ",\"brandId\":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(write(brandId));
        out.writeBytes(",\"channelId\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(write(channelId));
        out.writeBytes(",\"events\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < serializedEvents.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(serializedEvents.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Bytes an envelope adds around its events (upper bound). */
    public int envelopeOverhead(String brandId, String channelId) {
        return 48 + write(brandId).length + write(channelId).length;
    }

    /** Reads an envelope written by {@link #envelopeJson}. */
    public IngestEnvelope readEnvelope(String body) {
        Map<String, Object> map = parseObject(body.getBytes(StandardCharsets.UTF_8));
        Object version = map.get("v");
        if (!(version instanceof Number n) || n.intValue() != FORMAT_VERSION) {
            throw new MalformedJsonException("unsupported envelope version " + version, null);
        }
        List<ConsumerEvent> events = new ArrayList<>();
        for (Object item : list(map.get("events"))) {
            events.add(fromJson(object(item)));
        }
        return new IngestEnvelope(string(map, "brandId"), string(map, "channelId"), events);
    }

    private ConsumerEvent fromJson(Map<String, Object> map) {
        EventType type = EventType.fromWireName(string(map, "type"))
                .orElseThrow(() -> new MalformedJsonException("unknown event type " + map.get("type"), null));
        return new ConsumerEvent(type, string(map, "messageId"), optional(map, "userId"),
                optional(map, "anonymousId"), optional(map, "event"), optional(map, "name"),
                optional(map, "groupId"), optional(map, "previousId"), Instant.parse(string(map, "timestamp")),
                Instant.parse(string(map, "receivedAt")), object(map.get("context")),
                object(map.get("integrations")), object(map.get("properties")), object(map.get("traits")));
    }

    private static void putIfPresent(Map<String, Object> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static void putIfNotEmpty(Map<String, Object> out, String key, Map<String, Object> value) {
        if (!value.isEmpty()) {
            out.put(key, value);
        }
    }

    private static String string(Map<String, Object> map, String key) {
        if (map.get(key) instanceof String s) {
            return s;
        }
        throw new MalformedJsonException("envelope field '" + key + "' must be a string", null);
    }

    private static String optional(Map<String, Object> map, String key) {
        return map.get(key) instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new MalformedJsonException("expected a JSON object", null);
    }

    private static List<?> list(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new MalformedJsonException("envelope field 'events' must be an array", null);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
