package io.tally.aws.s3;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.event.FieldError;
import io.tally.core.domain.quarantine.QuarantineBatch;
import io.tally.core.domain.quarantine.QuarantinedEvent;
import io.tally.core.port.out.QuarantinePort;
import io.tally.core.port.out.QueueUnavailableException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quarantine in S3, one JSON object per stored batch at
 * {@code brand=<brand>/date=<yyyy-MM-dd>/reason=<code>/<batch id>.n<events>.json}. The event count is part of
 * the key, so counting a day's quarantine by reason is one listing, with no object reads and no counter writes.
 */
@Singleton
@Requires(classes = S3Client.class)
public class S3Quarantine implements QuarantinePort {

    private static final Pattern KEY = Pattern.compile("brand=[^/]+/date=[^/]+/reason=([^/]+)/(.+)\\.n(\\d+)\\.json");

    private final S3Client s3;
    private final JsonMapper json;
    private final ResourceNames names;

    public S3Quarantine(S3Client s3, JsonMapper json, ResourceNames names) {
        this.s3 = s3;
        this.json = json;
        this.names = names;
    }

    static String key(QuarantineBatch batch) {
        return prefix(batch.brandId(), LocalDate.ofInstant(batch.receivedAt(), ZoneOffset.UTC), batch.reason())
                + batch.id() + ".n" + batch.events().size() + ".json";
    }

    private static String prefix(String brandId, LocalDate date, String reason) {
        return "brand=" + brandId + "/date=" + date + "/" + (reason == null ? "" : "reason=" + reason + "/");
    }

    @Override
    public void store(QuarantineBatch batch) {
        try {
            s3.putObject(r -> r.bucket(bucket()).key(key(batch)).contentType("application/json"),
                    RequestBody.fromBytes(json.writeValueAsBytes(toJson(batch))));
        } catch (SdkException e) {
            throw new QueueUnavailableException("the quarantine is unavailable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize quarantine batch " + batch.id(), e);
        }
    }

    @Override
    public Map<String, Long> countsByReason(String brandId, LocalDate date) {
        Map<String, Long> counts = new TreeMap<>();
        for (S3Object object : listObjects(prefix(brandId, date, null))) {
            Matcher key = KEY.matcher(object.key());
            if (key.matches()) {
                counts.merge(key.group(1), Long.parseLong(key.group(3)), Long::sum);
            }
        }
        return counts;
    }

    @Override
    public List<QuarantineBatch> list(String brandId, LocalDate date, String reason) {
        List<QuarantineBatch> batches = new ArrayList<>();
        for (S3Object object : listObjects(prefix(brandId, date, reason))) {
            byte[] body = s3.getObjectAsBytes(r -> r.bucket(bucket()).key(object.key())).asByteArray();
            try {
                batches.add(fromJson(json.readValue(body, Argument.mapOf(String.class, Object.class))));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable quarantine object " + object.key(), e);
            }
        }
        return batches;
    }

    @Override
    public void remove(QuarantineBatch batch) {
        s3.deleteObject(r -> r.bucket(bucket()).key(key(batch)));
    }

    private List<S3Object> listObjects(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket()).prefix(prefix)).contents().forEach(objects::add);
        return objects;
    }

    private static Map<String, Object> toJson(QuarantineBatch batch) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (QuarantinedEvent event : batch.events()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("index", event.index());
            out.put("errors", event.errors().stream().map(e -> Map.of("field", e.field(), "code", e.code(),
                    "message", e.message())).toList());
            out.put("event", event.raw());
            events.add(out);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", batch.id());
        out.put("brandId", batch.brandId());
        out.put("channelId", batch.channelId());
        out.put("receivedAt", batch.receivedAt().toString());
        out.put("reason", batch.reason());
        out.put("events", events);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static QuarantineBatch fromJson(Map<String, Object> map) {
        List<QuarantinedEvent> events = new ArrayList<>();
        for (Object item : (List<Object>) map.get("events")) {
            Map<String, Object> event = (Map<String, Object>) item;
            List<FieldError> errors = ((List<Map<String, Object>>) event.get("errors")).stream()
                    .map(e -> new FieldError((String) e.get("field"), (String) e.get("code"), (String) e.get("message")))
                    .toList();
            events.add(new QuarantinedEvent(((Number) event.get("index")).intValue(), event.get("event"), errors));
        }
        return new QuarantineBatch((String) map.get("id"), (String) map.get("brandId"), (String) map.get("channelId"),
                Instant.parse((String) map.get("receivedAt")), (String) map.get("reason"), events);
    }

    /** Resolved on use: functions that never touch this resource need not be configured with it. */
    private String bucket() {
        return names.bucket(TallyCatalog.QUARANTINE_BUCKET);
    }
}
