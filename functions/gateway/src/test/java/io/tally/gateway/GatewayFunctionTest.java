package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.json.JsonMapper;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.consumer.ChannelEvent;
import io.tally.core.domain.consumer.ConsumerIds;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.port.in.IssueKeyUseCase;
import io.tally.core.port.in.IssueKeyUseCase.IssueKeyCommand;
import io.tally.testkit.ConsumerEventBuilder;
import io.tally.testkit.InMemoryEventQueue;
import io.tally.testkit.InMemoryProfileStore;
import io.tally.testkit.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit scope: the gateway exactly as Lambda runs it (API Gateway v2 event → Micronaut function → controllers),
 * over the testkit's in-memory ports. Needs no network. Requests are the sample events in {@code events/gateway}.
 */
class GatewayFunctionTest {

    private static ApplicationContext context;
    private static APIGatewayV2HTTPEventFunction function;
    private static JsonMapper json;
    private static String writeKey;
    private static String adminKey;
    private static InMemoryEventQueue queue;

    @BeforeAll
    static void startFunction() {
        context = ApplicationContext.run();
        function = new APIGatewayV2HTTPEventFunction(context);
        json = context.getBean(JsonMapper.class);
        IssueKeyUseCase keys = context.getBean(IssueKeyUseCase.class);
        writeKey = keys.issue(new IssueKeyCommand("demo", "web", KeyRole.WRITE)).rawKey();
        adminKey = keys.issue(new IssueKeyCommand("demo", null, KeyRole.ADMIN)).rawKey();
        queue = context.getBean(InMemoryEventQueue.class);
    }

    @AfterAll
    static void stop() {
        function.close();
        context.close();
    }

    @BeforeEach
    void emptyQueue() {
        queue.clear();
    }

    @Test
    void givenTrackRequestFromApiGateway_whenHandled_thenAnswers200AndQueuesTheEventUnderTheKeysBrandAndChannel()
            throws IOException {
        APIGatewayV2HTTPResponse response = function.handleRequest(request("gateway/track-request.json"), null);

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
    void givenTrackRequestWithWrongKey_whenHandled_thenAnswers401WithChallengeAndQueuesNothing() throws IOException {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.getHeaders().put("authorization", basic("tw_not-a-key"));

        APIGatewayV2HTTPResponse response = function.handleRequest(request, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Basic realm=\"tally\"");
        assertThat(body(response)).containsEntry("code", "unauthorized");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenAdminKeyOnTheTrackingApi_whenHandled_thenAnswers401() throws IOException {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.getHeaders().put("authorization", basic(adminKey));

        assertThat(function.handleRequest(request, null).getStatusCode()).isEqualTo(401);
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenMalformedBody_whenHandled_thenAnswers400MalformedJsonAndQueuesNothing() throws IOException {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.setBody(SampleEvents.text("payloads/malformed.txt"));

        APIGatewayV2HTTPResponse response = function.handleRequest(request, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response)).containsEntry("code", "malformed_json").containsEntry("field", "$");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenTrackWithoutEventName_whenHandled_thenAnswers400NamingTheField() throws IOException {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.setBody("{\"type\":\"track\",\"anonymousId\":\"a1\"}");

        APIGatewayV2HTTPResponse response = function.handleRequest(request, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response)).containsEntry("code", "invalid_event").containsEntry("field", "event");
        assertThat(queue.envelopes()).isEmpty();
    }

    @Test
    void givenQueueRefuses_whenTrackHandled_thenAnswers503WithRetryAfter() throws IOException {
        queue.refuse(true);
        try {
            APIGatewayV2HTTPResponse response = function.handleRequest(request("gateway/track-request.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeaders()).containsKey("Retry-After");
            assertThat(body(response)).containsEntry("code", "queue_unavailable");
        } finally {
            queue.refuse(false);
        }
    }

    @Test
    void givenBatchWithOneInvalidEvent_whenImportedWithTrailingSlash_thenValidOnesQueuedAndInvalidIndexListed()
            throws IOException {
        APIGatewayV2HTTPEvent request = request("gateway/track-request.json");
        request.setRawPath("/v1/import/");
        request.getRequestContext().getHttp().setPath("/v1/import/");
        request.setBody(SampleEvents.text("payloads/batch.json"));

        APIGatewayV2HTTPResponse response = function.handleRequest(request, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        Map<String, Object> body = body(response);
        assertThat(body).containsEntry("accepted", 3);
        List<Map<String, Object>> rejected = cast(body.get("rejected"));
        assertThat(rejected).singleElement().satisfies(r -> assertThat(r).containsEntry("index", 3));
        assertThat(queue.events()).extracting(e -> e.messageId())
                .containsExactly("msg-batch-0001", "msg-batch-0002", "msg-batch-0003");
        assertThat(queue.events().get(0).context()).containsKey("library");
    }

    @Test
    void givenStoredProfile_whenAdminLooksItUpByAnonymousId_thenAnswersItsFacts() throws IOException {
        var event = ConsumerEventBuilder.aTrackEvent().withAnonymousId("a1").build();
        InMemoryProfileStore profiles = context.getBean(InMemoryProfileStore.class);
        var key = ConsumerIds.forIdentifier("demo", IdentifierType.ANONYMOUS_ID, "a1");
        if (profiles.load(key).isEmpty()) {
            profiles.save(ConsumerProfile.newProfile(key).apply(List.of(new ChannelEvent("web", event))).profile());
        }

        APIGatewayV2HTTPResponse response = function.handleRequest(request("gateway/get-consumer-request.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        Map<String, Object> view = body(response);
        assertThat(view).containsEntry("consumerId", key.consumerId()).containsEntry("eventCount", 1);
        List<String> channels = cast(view.get("channels"));
        assertThat(channels).containsExactly("web");
    }

    @Test
    void givenUnknownConsumer_whenAdminAsksForIt_thenAnswers404() throws IOException {
        APIGatewayV2HTTPEvent request = request("gateway/get-consumer-request.json");
        request.setRawQueryString("anonymousId=nobody");
        request.setQueryStringParameters(Map.of("anonymousId", "nobody"));

        APIGatewayV2HTTPResponse response = function.handleRequest(request, null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response)).containsEntry("code", "not_found");
    }

    @Test
    void givenWriteKey_whenReadingConsumers_thenAnswers401() throws IOException {
        APIGatewayV2HTTPEvent request = request("gateway/get-consumer-request.json");
        request.getHeaders().put("authorization", basic(writeKey));

        assertThat(function.handleRequest(request, null).getStatusCode()).isEqualTo(401);
    }

    private static APIGatewayV2HTTPEvent request(String sample) throws IOException {
        String text = SampleEvents.text(sample)
                .replace("Basic ${WRITE_KEY_BASIC}", basic(writeKey))
                .replace("Basic ${ADMIN_KEY_BASIC}", basic(adminKey));
        return json.readValue(text, APIGatewayV2HTTPEvent.class);
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static Map<String, Object> body(APIGatewayV2HTTPResponse response) throws IOException {
        return json.readValue(response.getBody(), Argument.mapOf(String.class, Object.class));
    }
}
