package io.tally.local;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A small HTTP client of the gateway for the CLI: batches with a write key, admin calls with an admin key. */
public final class GatewayClient {

    /** Largest batch the CLI sends in one request. */
    public static final int BATCH_SIZE = 500;

    private final URI baseUrl;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayClient(URI baseUrl, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.json = json;
    }

    /**
     * A response: status and parsed JSON body.
     *
     * @param json the body as parsed: an object, an array, or null when empty
     */
    public record Response(int status, Object json) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** The body as a JSON object (empty if it is not one). */
        @SuppressWarnings("unchecked")
        public Map<String, Object> body() {
            return json instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }
    }

    public Response postBatch(String writeKey, List<Map<String, Object>> events) {
        return send("POST", "/v1/batch", writeKey, Map.of("batch", events));
    }

    public Response send(String method, String path, String key, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Object parsed = response.body().length == 0 ? null : json.readValue(response.body(), Object.class);
            return new Response(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new GatewayUnreachableException("cannot reach the gateway at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnreachableException("interrupted", e);
        }
    }

    /** The gateway did not answer. */
    public static class GatewayUnreachableException extends RuntimeException {
        public GatewayUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
