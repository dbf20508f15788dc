package io.tally.local;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tally send FILE}: posts events from NDJSON or JSON through the real gateway, in batches. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send events from FILE (NDJSON: one event per line; or JSON: an event, an array, or {\"batch\": [...]}) through the gateway.")
final class SendCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Events to send")
    Path file;

    @Option(names = "--channel", defaultValue = "web", description = "Channel whose write key to use (default: ${DEFAULT-VALUE})")
    String channel;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        JsonMapper json = JsonMapper.createDefault();
        String key = client.writeKey(json, channel);
        List<Map<String, Object>> events;
        try {
            events = read(file, json);
        } catch (IOException e) {
            throw CliFailure.unreadable("the events in", file, e);
        }
        GatewayClient gateway = new GatewayClient(client.url, json);
        SendSummary summary = send(gateway, key, events, file.getFileName().toString());
        System.out.printf("sent %d events: %d accepted, %d rejected, %d in failed requests%n", events.size(),
                summary.accepted, summary.rejected, summary.failed);
        summary.errors.stream().limit(10).forEach(e -> System.out.println("  " + e));
        return summary.rejected + summary.failed == 0 ? 0 : 1;
    }

    /** Totals of a send. */
    static final class SendSummary {
        int accepted;
        int rejected;
        int failed;
        final List<String> errors = new ArrayList<>();
    }

    /**
     * Posts the events in batches. The progress bar appears once the gateway has answered the first batch, so that a
     * gateway that cannot be reached fails with its one line and no empty bar.
     */
    static SendSummary send(GatewayClient gateway, String key, List<Map<String, Object>> events, String label) {
        SendSummary summary = new SendSummary();
        ProgressBar progress = null;
        try {
            for (int from = 0; from < events.size(); from += GatewayClient.BATCH_SIZE) {
                List<Map<String, Object>> batch = events.subList(from, Math.min(events.size(), from + GatewayClient.BATCH_SIZE));
                GatewayClient.Response response = gateway.postBatch(key, batch);
                if (response.ok()) {
                    summary.accepted += ((Number) response.body().getOrDefault("accepted", 0)).intValue();
                    List<?> rejected = (List<?>) response.body().getOrDefault("rejected", List.of());
                    summary.rejected += rejected.size();
                    for (Object r : rejected) {
                        summary.errors.add("event " + (from + ((Number) ((Map<?, ?>) r).get("index")).intValue())
                                + ": " + ((Map<?, ?>) r).get("errors"));
                    }
                } else {
                    summary.failed += batch.size();
                    summary.errors.add("HTTP " + response.status() + ": " + response.body().get("message"));
                }
                if (progress == null) {
                    progress = new ProgressBar(label, events.size());
                }
                progress.stepBy(batch.size());
            }
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        return summary;
    }

    static List<Map<String, Object>> read(Path file, JsonMapper json) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        Argument<Map<String, Object>> object = Argument.mapOf(String.class, Object.class);
        List<Map<String, Object>> events = new ArrayList<>();
        if (text.startsWith("[")) {
            events.addAll(json.readValue(text, Argument.listOf(object)));
        } else if (text.startsWith("{") && !text.contains("\n{")) {
            Map<String, Object> single = json.readValue(text, object);
            if (single.get("batch") instanceof List<?> batch) {
                batch.forEach(e -> events.add(castObject(e)));
            } else {
                events.add(single);
            }
        } else {
            int line = 0;
            for (String row : text.split("\\R")) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                try {
                    events.add(json.readValue(row, object));
                } catch (IOException e) {
                    throw new IOException("line " + line + " is not a JSON object: " + CliFailure.firstLine(e), e);
                }
            }
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castObject(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new CliFailure("every item of a {\"batch\": [...]} must be a JSON object");
    }
}
