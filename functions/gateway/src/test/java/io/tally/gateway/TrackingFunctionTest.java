package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.ConsumerIds;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import io.tally.testkit.ConsumerEventBuilder;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.event.IngestLimits;
import io.tally.core.port.in.ApplyEventsUseCase;
import io.tally.testkit.InMemoryEventQueue;
import io.tally.testkit.InMemoryQuarantine;
import io.tally.testkit.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit scope: the gateway exactly as Lambda runs it (API Gateway v2 event → Micronaut function → controllers),
 * over the testkit's in-memory ports. Needs no network. Requests are the sample events in {@code events/gateway}.
 */
class TrackingFunctionTest {

    private static GatewayFixture gateway;
    private static String writeKey;
    private static String adminKey;
    private static InMemoryEventQueue queue;

    @BeforeAll
    static void startFunction() {
        gateway = new GatewayFixture();
        writeKey = gateway.writeKey;
        adminKey = gateway.adminKey;
        queue = gateway.bean(InMemoryEventQueue.class);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void emptyQueue() {
        queue.clear();
    }

    @Test
    void givenTrackRequestFromApiGateway_whenHandled_thenAnswers200AndQueuesTheEventUnderTheKeysBrandAndChannel()
            {
        APIGatewayV2HTTPResponse response = gateway.handle(request("gateway/track-request.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response)).containsEntry("success", true).containsEntry("accepted", 1);
        assertThat(queue.envelopes()).singleElement().satisfies(envelope -> {
            assertThat(envelope.brandId()).isEqualTo("demo");
            assertThat(envelope.channelId()).isEqualTo("web");
            assertThat(envelope.events()).singleElement().satisfies(event -> {
                assertThat(event.messageId()).isEqualTo("msg-apigw-0001");
                assertThat(event.anonymousId()).isEqualTo("a1");
                assertThat(event.event()).isEqualTo("Product Viewed");
            });
        });
    }

    @Test
    void givenTrackRequestWithWrongKey_whenHandled_thenAnswers401WithChallengeAndQueuesNothing() {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.getHeaders().put("authorization", basic("tw_not-a-key"));

        APIGatewayV2HTTPResponse response = gateway.handle(request);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Basic realm=\"tally\"");
        assertThat(body(response)).containsEntry("code", "unauthorized");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenAdminKeyOnTheTrackingApi_whenHandled_thenAnswers401() {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.getHeaders().put("authorization", basic(adminKey));

        assertThat(gateway.handle(request).getStatusCode()).isEqualTo(401);
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenMalformedBody_whenHandled_thenAnswers400MalformedJsonAndQueuesNothing() {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.setBody(SampleEvents.text("payloads/malformed.txt"));

        APIGatewayV2HTTPResponse response = gateway.handle(request);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response)).containsEntry("code", "malformed_json").containsEntry("field", "$");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenTrackWithoutEventName_whenHandled_thenAnswers400NamingTheField() {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.setBody("{\"type\":\"track\",\"anonymousId\":\"a1\"}");

        APIGatewayV2HTTPResponse response = gateway.handle(request);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response)).containsEntry("code", "invalid_event").containsEntry("field", "event");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenMistypedTrackingPath_whenPosted_thenAnswers404NotFoundNamingTheRouteAndTheDocument() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("POST", "/v1/trak", writeKey,
                SampleEvents.text("payloads/track.json")));

        gateway.assertError(response, 404, "not_found", "no route POST /v1/trak; see /openapi.json");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenGetOnATrackingCall_whenHandled_thenAnswers405MethodNotAllowedWithAllowPost() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("GET", "/v1/track", writeKey, null));

        gateway.assertError(response, 405, "method_not_allowed",
                "GET is not allowed on /v1/track; allowed: POST");
        assertThat(response.getHeaders()).containsEntry("Allow", "POST");
    }

    @Test
    void givenAcceptOfHtmlOnly_whenTracked_thenAnswers406NotAcceptableInJsonAndQueuesNothing() {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.getHeaders().put("accept", "text/html");

        APIGatewayV2HTTPResponse response = gateway.handle(request);

        gateway.assertError(response, 406, "not_acceptable",
                "POST /v1/track answers application/json, which the Accept header (text/html) does not allow");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenNoBody_whenTracked_thenAnswers400MalformedJsonForTheWholeBody() {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.setBody(null);

        APIGatewayV2HTTPResponse response = gateway.handle(request);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(gateway.error(response)).containsEntry("code", "malformed_json").containsEntry("field", "$")
                .containsEntry("message", "$: the body is empty; send a JSON object");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenQueueRefuses_whenTrackHandled_thenAnswers503WithRetryAfter() {
        queue.refuse(true);
        try {
            APIGatewayV2HTTPResponse response = gateway.handle(request("gateway/track-request.json"));

            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeaders()).containsKey("Retry-After");
            assertThat(body(response)).containsEntry("code", "queue_unavailable");
        } finally {
            queue.refuse(false);
        }
    }

    @Test
    void givenBatchWithOneInvalidEvent_whenImportedWithTrailingSlash_thenValidOnesQueuedAndInvalidIndexListed()
            {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.setRawPath("/v1/import/");
        request.getRequestContext().getHttp().setPath("/v1/import/");
        request.setBody(SampleEvents.text("payloads/batch.json"));

        APIGatewayV2HTTPResponse response = gateway.handle(request);

        assertThat(response.getStatusCode()).isEqualTo(200);
        Map<String, Object> body = body(response);
        assertThat(body).containsEntry("accepted", 3);
        List<Map<String, Object>> rejected = cast(body.get("rejected"));
        assertThat(rejected).singleElement().satisfies(r -> assertThat(r).containsEntry("index", 3));
        assertThat(queue.events()).extracting(e -> e.messageId())
                .containsExactly("msg-batch-0001", "msg-batch-0002", "msg-batch-0003");
        assertThat(queue.events().get(0).context()).containsKey("library");
        assertThat(gateway.bean(InMemoryQuarantine.class).events()).anySatisfy(quarantined -> {
            assertThat(quarantined.index()).isEqualTo(3);
            assertThat(quarantined.reason()).isEqualTo("required");
            assertThat(quarantined.messageId()).isEqualTo("msg-batch-0004");
        });
    }

    @Test
    void givenEventOverThirtyTwoKilobytes_whenTracked_thenAnswers413AndQueuesNothing() {
        String big = "x".repeat(IngestLimits.MAX_EVENT_BYTES);
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.setBody("{\"type\":\"track\",\"event\":\"Big\",\"anonymousId\":\"a1\",\"properties\":{\"blob\":\"" + big + "\"}}");

        APIGatewayV2HTTPResponse response = gateway.handle(request);

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(body(response)).containsEntry("code", "too_large");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenBatchOfMoreThan2500Events_whenPosted_thenAnswers413AndQueuesNothing() {
        List<Map<String, Object>> events = java.util.stream.IntStream.range(0, IngestLimits.MAX_BATCH_EVENTS + 1)
                .mapToObj(i -> Map.<String, Object>of("type", "track", "event", "E", "userId", "u" + i)).toList();

        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("POST", "/v1/batch", writeKey,
                gateway.toJson(Map.of("batch", events))));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenBatchOverFiveHundredKilobytes_whenPosted_thenAnswers413() {
        String body = "{\"batch\":[{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\",\"properties\":{\"p\":\""
                + "y".repeat(IngestLimits.MAX_BATCH_BYTES) + "\"}}]}";

        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("POST", "/v1/batch", writeKey, body));

        assertThat(response.getStatusCode()).isEqualTo(413);
    }

    @Test
    void givenOneOversizedEventInABatch_whenPosted_thenItIsQuarantinedAsTooLargeAndTheOthersAccepted() {
        List<Map<String, Object>> events = List.of(
                Map.of("type", "track", "event", "Small", "userId", "s1", "messageId", "small-1"),
                Map.of("type", "track", "event", "Big", "userId", "s2", "messageId", "big-1",
                        "properties", Map.of("blob", "z".repeat(IngestLimits.MAX_EVENT_BYTES))));

        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("POST", "/v1/batch", writeKey,
                gateway.toJson(Map.of("batch", events))));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response)).containsEntry("accepted", 1);
        assertThat(queue.events()).extracting(e -> e.messageId()).containsExactly("small-1");
        assertThat(gateway.bean(InMemoryQuarantine.class).events())
                .anySatisfy(e -> assertThat(e.reason()).isEqualTo("too_large"));
    }

    @Test
    void givenWriteKeyInTheBody_whenTrackedWithoutAuthorizationHeader_thenAccepted() {
        APIGatewayV2HTTPEvent request = gateway.request("POST", "/v1/track", writeKey,
                "{\"type\":\"track\",\"event\":\"E\",\"anonymousId\":\"a9\",\"writeKey\":\"" + writeKey + "\"}");
        request.getHeaders().remove("authorization");

        assertThat(gateway.handle(request).getStatusCode()).isEqualTo(200);
        assertThat(queue.events()).hasSize(1);
    }

    @Test
    void givenQuarantineRefuses_whenBatchWithInvalidEventPosted_thenAnswers503AndQueuesNothing() {
        InMemoryQuarantine quarantine = gateway.bean(InMemoryQuarantine.class);
        quarantine.refuse(true);
        try {
            APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
            request.setRawPath("/v1/batch");
            request.getRequestContext().getHttp().setPath("/v1/batch");
            request.setBody(SampleEvents.text("payloads/batch.json"));

            APIGatewayV2HTTPResponse response = gateway.handle(request);

            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeaders()).containsKey("Retry-After");
            assertThat(queue.envelopes()).isEmpty();
        } finally {
            quarantine.refuse(false);
        }
    }

    @Test
    void givenProcessedEvent_whenAdminLooksItUpByAnonymousId_thenAnswersItsFacts() {
        var event = ConsumerEventBuilder.aTrackEvent().withAnonymousId("a1").build();
        gateway.bean(ApplyEventsUseCase.class).apply(List.of(new ApplyEventsUseCase.QueuedEnvelope("d1",
                new IngestEnvelope("demo", "web", List.of(event)))));
        var key = ConsumerIds.forIdentifier("demo", IdentifierType.ANONYMOUS_ID, "a1");

        APIGatewayV2HTTPResponse response = gateway.handle(request("gateway/get-consumer-request.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        Map<String, Object> view = body(response);
        assertThat(view).containsEntry("consumerId", key.consumerId()).containsEntry("eventCount", 1);
        List<String> channels = cast(view.get("channels"));
        assertThat(channels).containsExactly("web");
        List<String> identifiers = cast(view.get("identifiers"));
        assertThat(identifiers).containsExactly("anonymousId:a1");
    }

    @Test
    void givenUnknownConsumer_whenAdminAsksForIt_thenAnswers404() {
        APIGatewayV2HTTPEvent request = request("gateway/get-consumer-request.json");
        request.setRawQueryString("anonymousId=nobody");
        request.setQueryStringParameters(Map.of("anonymousId", "nobody"));

        APIGatewayV2HTTPResponse response = gateway.handle(request);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response)).containsEntry("code", "not_found");
    }

    @Test
    void givenWriteKey_whenReadingConsumers_thenAnswers401() {
        APIGatewayV2HTTPEvent request = request("gateway/get-consumer-request.json");
        request.getHeaders().put("authorization", basic(writeKey));

        assertThat(gateway.handle(request).getStatusCode()).isEqualTo(401);
    }

    private static APIGatewayV2HTTPEvent request(String sample) {
        return gateway.sample(sample);
    }

    private static String basic(String key) {
        return GatewayFixture.basic(key);
    }

    private static <T> T cast(Object value) {
        return GatewayFixture.cast(value);
    }

    private static Map<String, Object> body(APIGatewayV2HTTPResponse response) {
        return gateway.body(response);
    }

    /**
     * The gateway called the way the browser SDK (analytics.js, {@code @segment/analytics-next}) calls it from a
     * brand's web store: the short paths {@code /v1/<first letter of the type>} and {@code /v1/b},
     * {@code Content-Type: text/plain}, the write key as {@code writeKey} in the body, an {@code Origin} of another
     * site, and a CORS preflight when the page sets headers of its own. Requests are the sample events
     * {@code events/gateway/browser-track-request.json} and {@code events/payloads/browser-batch.json}.
     */
    @Nested
    class FromAWebStoreWithAnalyticsJs {

        private static final String BROWSER_TRACK = "gateway/browser-track-request.json";
        private static final String ORIGIN = "https://shop.example.com";

        @Test
        void givenAnalyticsJsTrackOnTheShortPath_whenHandled_thenAcceptedForAnyOriginAndQueuedWithItsFields() {
            APIGatewayV2HTTPResponse response = gateway.handle(gateway.sample(BROWSER_TRACK));

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(gateway.body(response)).isEqualTo(Map.of("success", true, "accepted", 1));
            assertCrossOriginAnswer(response);
            assertThat(queue.envelopes()).singleElement().satisfies(envelope -> {
                assertThat(envelope.brandId()).isEqualTo("demo");
                assertThat(envelope.channelId()).isEqualTo("web");
                assertThat(envelope.events()).singleElement().satisfies(event -> {
                    assertThat(event.type()).isEqualTo(EventType.TRACK);
                    assertThat(event.event()).isEqualTo("Product Viewed");
                    assertThat(event.messageId())
                            .isEqualTo("ajs-next-1795597200120-5f2b7c1e-8d3a-4c6b-b1e9-7a4d2c8f6e10");
                    assertThat(event.anonymousId()).isEqualTo("0b7c8f3e-2d4a-4f6b-9e1c-5a8d7b6c4e21");
                    assertThat(event.userId()).isNull();
                    assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-25T09:00:00.120Z"));
                    assertThat(event.properties()).containsEntry("product_id", "TEA-001");
                    assertThat(event.context()).containsEntry("library",
                            Map.of("name", "analytics.js", "version", "npm:next-1.81.0"));
                });
            });
        }

        @Test
        void givenAnalyticsJsBatchOnTheShortPath_whenHandled_thenEveryEventIsQueuedInOrder() {
            APIGatewayV2HTTPResponse response = gateway.handle(browserPost("/v1/b",
                    gateway.payload("payloads/browser-batch.json")));

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(gateway.body(response)).isEqualTo(Map.of("success", true, "accepted", 3));
            assertCrossOriginAnswer(response);
            assertThat(queue.envelopes()).allSatisfy(envelope -> assertThat(envelope.channelId()).isEqualTo("web"));
            assertThat(queue.events()).extracting(ConsumerEvent::type)
                    .containsExactly(EventType.PAGE, EventType.IDENTIFY, EventType.TRACK);
            assertThat(queue.events().get(1).userId()).isEqualTo("shopper-42");
            assertThat(queue.events().get(1).traits()).containsEntry("plan", "member");
            assertThat(queue.events().get(2).event()).isEqualTo("Order Completed");
            assertThat(queue.events().get(2).timestamp()).isEqualTo(Instant.parse("2026-11-25T09:02:47.518Z"));
        }

        @Test
        void givenUnknownWriteKeyInTheBody_whenTracked_thenAnswers401ThatTheBrowserLetsTheSdkRead() {
            APIGatewayV2HTTPEvent request = gateway.sample(BROWSER_TRACK);
            request.setBody(request.getBody().replace(gateway.writeKey, "tw_unknown"));

            APIGatewayV2HTTPResponse response = gateway.handle(request);

            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(gateway.error(response)).containsEntry("code", "unauthorized");
            assertCrossOriginAnswer(response);
            assertThat(queue.envelopes()).isEmpty();
        }

        @ParameterizedTest(name = "{1} to {0}")
        @CsvSource({"/v1/i, identify", "/v1/t, track", "/v1/p, page", "/v1/s, screen", "/v1/g, group",
                "/v1/a, alias"})
        void givenEveryShortPath_whenACallOfItsTypeIsPostedAsText_thenItIsQueuedAsThatType(String path, String type) {
            String body = "{\"type\":\"" + type + "\",\"userId\":\"u-" + type + "\",\"event\":\"E\",\"groupId\":\"g1\","
                    + "\"previousId\":\"a-old\",\"writeKey\":\"" + gateway.writeKey + "\"}";

            APIGatewayV2HTTPResponse response = gateway.handle(browserPost(path, body));

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(queue.events()).singleElement().satisfies(event -> {
                assertThat(event.type().wireName()).isEqualTo(type);
                assertThat(event.userId()).isEqualTo("u-" + type);
            });
        }

        @Test
        void givenACallOfAnotherTypeOnAShortPath_whenPosted_thenAnswers400NamingTheTypeAsTheLongPathDoes() {
            String body = "{\"type\":\"identify\",\"userId\":\"u1\",\"writeKey\":\"" + gateway.writeKey + "\"}";

            APIGatewayV2HTTPResponse shortPath = gateway.handle(browserPost("/v1/t", body));
            APIGatewayV2HTTPResponse longPath = gateway.handle(browserPost("/v1/track", body));

            assertThat(shortPath.getStatusCode()).isEqualTo(400);
            assertThat(gateway.error(shortPath)).containsEntry("code", "invalid_event").containsEntry("field", "type")
                    .isEqualTo(gateway.error(longPath));
            assertCrossOriginAnswer(shortPath);
            assertThat(queue.envelopes()).isEmpty();
        }

        @ParameterizedTest(name = "{0} with Content-Type ''{1}''")
        @CsvSource({"/v1/track, text/plain", "/v1/track, ''", "/v1/batch, text/plain;charset=UTF-8", "/v1/import, ''",
                "/v1/b, application/json"})
        void givenTheLongPathsAndAnyContentType_whenPosted_thenTheBodyIsReadAsJson(String path, String contentType) {
            String event = "{\"type\":\"track\",\"event\":\"E\",\"anonymousId\":\"a-text\"}";
            APIGatewayV2HTTPEvent request = gateway.request("POST", path, gateway.writeKey,
                    path.endsWith("track") ? event : "{\"batch\":[" + event + "]}");
            request.getHeaders().remove("content-type");
            if (!contentType.isEmpty()) {
                request.getHeaders().put("content-type", contentType);
            }

            APIGatewayV2HTTPResponse response = gateway.handle(request);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(gateway.body(response)).containsEntry("accepted", 1);
            assertThat(queue.events()).extracting(ConsumerEvent::anonymousId).containsExactly("a-text");
        }

        @Test
        void givenThePreflightOfABatchWithTheSdksOwnHeaders_whenHandled_thenAnswers200AllowingThem() {
            APIGatewayV2HTTPEvent preflight = preflight("/v1/b", "POST");
            preflight.getHeaders().put("access-control-request-headers", "authorization,content-type,x-retry-count");

            APIGatewayV2HTTPResponse response = gateway.handle(preflight);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeaders())
                    .containsEntry("Access-Control-Allow-Origin", "*")
                    .containsEntry("Access-Control-Allow-Methods", "POST")
                    .containsEntry("Access-Control-Allow-Headers", "authorization,content-type,x-retry-count")
                    .containsEntry("Access-Control-Max-Age",
                            Integer.toString(TallyCatalog.HTTP_API_CORS.maxAgeSeconds()))
                    .doesNotContainKey("Access-Control-Allow-Credentials");
            assertThat(queue.envelopes()).isEmpty();
        }

        @Test
        void givenAPreflightForAMethodThePathDoesNotTake_whenHandled_thenItIsRefused() {
            APIGatewayV2HTTPResponse response = gateway.handle(preflight("/v1/t", "DELETE"));

            assertThat(response.getStatusCode()).isEqualTo(403);
            assertThat(response.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
        }

        @Test
        void givenAMistypedShortPath_whenPostedFromABrowser_thenThe404CarriesTheCorsHeader() {
            APIGatewayV2HTTPResponse response = gateway.handle(browserPost("/v1/x", "{}"));

            gateway.assertError(response, 404, "not_found", "no route POST /v1/x; see /openapi.json");
            assertCrossOriginAnswer(response);
        }

        @Test
        void givenACrossOriginAdminRead_whenHandled_thenItIsAnsweredWithTheSameCorsHeaders() {
            APIGatewayV2HTTPEvent request = gateway.request("GET", "/v1/consumers?anonymousId=nobody", gateway.adminKey,
                    null);
            request.getHeaders().put("origin", ORIGIN);

            APIGatewayV2HTTPResponse response = gateway.handle(request);

            assertThat(response.getStatusCode()).isEqualTo(404);
            assertCrossOriginAnswer(response);
        }

        @Test
        void givenARequestWithoutOrigin_whenTracked_thenTheAnswerHasNoCorsHeaders() {
            APIGatewayV2HTTPEvent request = gateway.sample(BROWSER_TRACK);
            request.getHeaders().remove("origin");

            APIGatewayV2HTTPResponse response = gateway.handle(request);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeaders().keySet()).noneMatch(header -> header.startsWith("Access-Control-"));
        }

        /** Every answer to another site's script lets it read the answer, {@code Retry-After} and the reset time. */
        private static void assertCrossOriginAnswer(APIGatewayV2HTTPResponse response) {
            assertThat(response.getHeaders())
                    .containsEntry("Access-Control-Allow-Origin", "*")
                    .containsEntry("Access-Control-Expose-Headers", "Retry-After,X-RateLimit-Reset")
                    .doesNotContainKey("Access-Control-Allow-Credentials");
        }

        /** The browser request of the sample, to {@code path} with {@code body}. */
        private static APIGatewayV2HTTPEvent browserPost(String path, String body) {
            APIGatewayV2HTTPEvent request = gateway.sample(BROWSER_TRACK);
            request.setRawPath(path);
            request.getRequestContext().getHttp().setPath(path);
            request.setBody(body);
            return request;
        }

        /** The preflight a browser sends before a request for {@code method path} that is not a simple one. */
        private static APIGatewayV2HTTPEvent preflight(String path, String method) {
            APIGatewayV2HTTPEvent request = browserPost(path, null);
            request.getRequestContext().getHttp().setMethod("OPTIONS");
            request.getHeaders().remove("content-type");
            request.getHeaders().put("access-control-request-method", method);
            return request;
        }
    }
}
