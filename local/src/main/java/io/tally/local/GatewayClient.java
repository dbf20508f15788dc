package io.tally.local;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
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
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final int EXCERPT_LENGTH = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

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

    /**
     * Sends one request and parses its JSON answer.
     *
     * @throws CliFailure when the gateway cannot be reached, does not answer in time, or answers something that is
     *                    not JSON
     */
    public Response send(String method, String path, String key, Object body) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(toJson(body)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for the gateway at " + baseUrl, e);
        }
        return new Response(response.statusCode(), parse(response.statusCode(), response.body()));
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object parse(int status, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, Object.class);
        } catch (IOException e) {
            throw new CliFailure("the gateway answered " + status + " with a non-JSON body: " + excerpt(body), e);
        }
    }

    /** The body's first {@value #EXCERPT_LENGTH} characters, its line breaks and runs of blanks as single spaces. */
    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "…";
    }

    private CliFailure unreachable(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return cannotReach("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new CliFailure("the gateway at " + baseUrl + " did not answer within " + ANSWER_TIMEOUT.toSeconds()
                    + " s; it may still be working on the request (see the log of `./tally up`)", e);
        }
        if (CliFailure.causedBy(e, UnresolvedAddressException.class, UnknownHostException.class)) {
            return cannotReach("unknown host " + baseUrl.getHost(), e);
        }
        if (e instanceof ConnectException) {
            return cannotReach("connection refused", e);
        }
        return new CliFailure("the connection to the gateway at " + baseUrl + " failed: " + CliFailure.reason(e), e);
    }

    private CliFailure cannotReach(String reason, IOException e) {
        return new CliFailure("cannot reach the gateway at " + baseUrl + " (" + reason
                + ") — is `./tally up` running? Use --url to point elsewhere.", e);
    }
}
