package io.tally.local;

import io.micronaut.core.type.Argument;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.testkit.SampleEvents;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: the local stack called exactly as the browser SDK (analytics.js, {@code @segment/analytics-next})
 * calls Tally from a brand's web store on another origin: {@code POST /v1/t} with {@code Content-Type: text/plain},
 * no {@code Authorization} and the key as {@code writeKey} in the body (the standard delivery strategy); and, in the
 * batching strategy, a CORS preflight followed by {@code POST /v1/b} with the headers the SDK adds
 * ({@code Authorization: Basic}, {@code X-Retry-Count}). The requests are the sample events
 * {@code events/gateway/browser-track-request.json} and {@code events/payloads/browser-batch.json}. Needs only the JVM.
 */
class AnalyticsJsIT {

    private static final String ORIGIN = "https://shop.example.com";
    private static final String SHOPPER = "shopper-42";
    private static final String VISITOR = "0b7c8f3e-2d4a-4f6b-9e1c-5a8d7b6c4e21";

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void givenTheStoresTrackAndBatch_whenPostedAsAnalyticsJsDoes_thenTheBrowserMayReadEachAnswerAndTheShopperIsCounted() {
        HttpResponse<String> track = send(trackAsTheSdkSendsIt(stack.keys.writeKey("demo", "web")));

        assertThat(track.statusCode()).isEqualTo(200);
        assertThat(json(track)).containsEntry("success", true).containsEntry("accepted", 1);
        assertReadableByAnyOrigin(track);

        HttpResponse<String> preflight = send(preflight("/v1/b", "authorization,content-type,x-retry-count"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .contains("authorization,content-type,x-retry-count");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age"))
                .contains(Integer.toString(TallyCatalog.HTTP_API_CORS.maxAgeSeconds()));

        HttpResponse<String> batch = send(batchAsTheSdkSendsIt(stack.keys.writeKey("demo", "web")));

        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(json(batch)).containsEntry("success", true).containsEntry("accepted", 3);
        assertReadableByAnyOrigin(batch);
        Optional<Map<String, Object>> shopper = LocalStackFixture.eventually(Duration.ofSeconds(5),
                () -> stack.consumer("demo", IdentifierType.USER_ID, SHOPPER)
                        .filter(c -> ((Number) c.get("eventCount")).intValue() == 4));
        assertThat(shopper).hasValueSatisfying(c -> {
            assertThat(c.get("channels")).isEqualTo(List.of("web"));
            assertThat(c.get("identifiers")).asInstanceOf(InstanceOfAssertFactories.LIST)
                    .contains("anonymousId:" + VISITOR, "userId:" + SHOPPER);
        });
    }

    @Test
    void givenAnUnknownWriteKey_whenTheStorePostsATrack_then401IsReadableSoTheSdkStopsRetrying() {
        HttpResponse<String> response = send(trackAsTheSdkSendsIt("tw_unknown"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).containsEntry("success", false).containsEntry("code", "unauthorized");
        assertReadableByAnyOrigin(response);
    }

    @Test
    void givenAPreflightForAMethodThePathDoesNotTake_whenSent_thenItIsRefused() {
        HttpRequest request = HttpRequest.newBuilder(stack.tally.gatewayUrl().resolve("/v1/t"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "PUT")
                .build();

        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** The sample request: its path, its headers (but the host, which the HTTP client sets), its body. */
    @SuppressWarnings("unchecked")
    private static HttpRequest trackAsTheSdkSendsIt(String writeKey) {
        Map<String, Object> sample = read(SampleEvents.text("gateway/browser-track-request.json"));
        Map<String, String> headers = (Map<String, String>) sample.get("headers");
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.tally.gatewayUrl().resolve(
                (String) sample.get("rawPath")));
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        assertThat(headers).containsEntry("origin", ORIGIN).containsEntry("content-type", "text/plain")
                .doesNotContainKey("authorization");
        return request.POST(HttpRequest.BodyPublishers.ofString(
                ((String) sample.get("body")).replace("${WRITE_KEY}", writeKey))).build();
    }

    /** What the batching strategy sends after its preflight: the batch as text, with its key in two places. */
    private static HttpRequest batchAsTheSdkSendsIt(String writeKey) {
        String body = SampleEvents.text("payloads/browser-batch.json").replace("${WRITE_KEY}", writeKey);
        return HttpRequest.newBuilder(stack.tally.gatewayUrl().resolve("/v1/b"))
                .header("Origin", ORIGIN)
                .header("Content-Type", "text/plain")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (writeKey + ":").getBytes(StandardCharsets.UTF_8)))
                .header("X-Retry-Count", "0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpRequest preflight(String path, String requestHeaders) {
        return HttpRequest.newBuilder(stack.tally.gatewayUrl().resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", requestHeaders)
                .build();
    }

    /** What a script of another origin needs to read an answer, its {@code Retry-After} and reset time. */
    private static void assertReadableByAnyOrigin(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .contains("Retry-After,X-RateLimit-Reset");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return read(response.body());
    }

    private static Map<String, Object> read(String json) {
        try {
            return stack.json.readValue(json, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
