package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.tally.testkit.InMemoryEventQueue;
import io.tally.testkit.InMemoryQuarantine;
import io.tally.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit scope: the admin API (keys, quarantine and replay) through the gateway function over in-memory ports.
 * Needs no network.
 */
class AdminApiFunctionTest {

    private GatewayFixture gateway;

    @BeforeEach
    void start() {
        gateway = new GatewayFixture();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void givenAdminKey_whenCreatingAChannelKey_thenItIsShownOnceAndWorksForThatChannel() {
        APIGatewayV2HTTPResponse created = gateway.handle(gateway.request("POST", "/v1/admin/keys", gateway.adminKey,
                "{\"channel\":\"pos\"}"));

        assertThat(created.getStatusCode()).isEqualTo(201);
        Map<String, Object> key = gateway.body(created);
        assertThat(key).containsEntry("channel", "pos").containsEntry("role", "write").containsEntry("active", true);
        String rawKey = (String) key.get("key");
        assertThat(rawKey).startsWith("tw_");
        assertThat(track(rawKey).getStatusCode()).isEqualTo(200);
        assertThat(gateway.bean(InMemoryEventQueue.class).envelopes()).last()
                .satisfies(e -> assertThat(e.channelId()).isEqualTo("pos"));
        List<Map<String, Object>> listed = gateway.list(gateway.handle(gateway.request("GET", "/v1/admin/keys",
                gateway.adminKey, null)));
        assertThat(listed).extracting(k -> k.get("keyId")).contains(key.get("keyId"));
        assertThat(listed).allSatisfy(k -> assertThat(k.get("key")).isNull());
        assertThat(gateway.body(created).toString()).doesNotContain("keyHash");
    }

    @Test
    void givenInvalidChannel_whenCreatingAKey_thenAnswers400NamingTheField() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("POST", "/v1/admin/keys", gateway.adminKey,
                "{\"channel\":\"Not Valid!\"}"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(gateway.body(response)).containsEntry("field", "channel").containsEntry("code", "invalid_request");
    }

    @Test
    void givenWriteKey_whenCallingTheAdminApi_thenAnswers401() {
        assertThat(gateway.handle(gateway.request("GET", "/v1/admin/keys", gateway.writeKey, null)).getStatusCode())
                .isEqualTo(401);
    }

    @Test
    void givenRotationWithoutGrace_whenRotated_thenTheNewKeyWorksAndTheOldOneStops() {
        String oldId = keyIdOf(gateway.writeKey);

        APIGatewayV2HTTPResponse rotated = gateway.handle(gateway.request("POST", "/v1/admin/keys/" + oldId
                + "/rotate?graceSeconds=0", gateway.adminKey, null));

        assertThat(rotated.getStatusCode()).isEqualTo(201);
        String newKey = (String) gateway.body(rotated).get("key");
        assertThat(track(newKey).getStatusCode()).isEqualTo(200);
        assertThat(track(gateway.writeKey).getStatusCode()).isEqualTo(401);
    }

    @Test
    void givenRotationWithGrace_whenRotated_thenTheOldKeyStillWorks() {
        String oldId = keyIdOf(gateway.writeKey);

        gateway.handle(gateway.request("POST", "/v1/admin/keys/" + oldId + "/rotate", gateway.adminKey, null));

        assertThat(track(gateway.writeKey).getStatusCode()).isEqualTo(200);
    }

    @Test
    void givenRevokedKey_whenUsed_thenAnswers401() {
        APIGatewayV2HTTPResponse revoked = gateway.handle(gateway.request("DELETE", "/v1/admin/keys/"
                + keyIdOf(gateway.writeKey), gateway.adminKey, null));

        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(gateway.body(revoked)).containsEntry("active", false);
        assertThat(track(gateway.writeKey).getStatusCode()).isEqualTo(401);
    }

    @Test
    void givenNegativeGrace_whenRotating_thenAnswers400NamingTheParameter() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("POST", "/v1/admin/keys/"
                + keyIdOf(gateway.writeKey) + "/rotate?graceSeconds=-5", gateway.adminKey, null));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(gateway.body(response)).containsEntry("field", "graceSeconds");
    }

    @Test
    void givenUnknownKeyId_whenRevoking_thenAnswers404() {
        assertThat(gateway.handle(gateway.request("DELETE", "/v1/admin/keys/key_nothere", gateway.adminKey, null))
                .getStatusCode()).isEqualTo(404);
    }

    @Test
    void givenQuarantinedEvent_whenCountedListedAndReplayedAfterAFix_thenItIsQueuedUnderItsChannelAndLeavesTheQuarantine() {
        gateway.handle(gateway.request("POST", "/v1/batch", gateway.writeKey, SampleEvents.text("payloads/batch.json")));
        String date = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        Map<String, Object> counts = gateway.body(gateway.handle(gateway.request("GET", "/v1/quarantine?date=" + date,
                gateway.adminKey, null)));
        assertThat(counts).containsEntry("total", 1).containsEntry("byReason", Map.of("required", 1));
        List<Map<String, Object>> batches = gateway.list(gateway.handle(gateway.request("GET",
                "/v1/quarantine/events?date=" + date + "&reason=required", gateway.adminKey, null)));
        assertThat(batches).singleElement().satisfies(b -> assertThat(b).containsEntry("channel", "web"));

        InMemoryQuarantine quarantine = gateway.bean(InMemoryQuarantine.class);
        var stored = quarantine.list("demo", java.time.LocalDate.parse(date), null).get(0);
        Map<String, Object> fixed = new java.util.LinkedHashMap<>(GatewayFixture.cast(stored.events().get(0).raw()));
        fixed.put("userId", "member-42");
        fixed.put("event", "Order Completed");
        quarantine.store(new io.tally.core.domain.quarantine.QuarantineBatch(stored.id(), stored.brandId(),
                stored.channelId(), stored.receivedAt(), stored.reason(),
                List.of(new io.tally.core.domain.quarantine.QuarantinedEvent(3, fixed, stored.events().get(0).errors()))));
        InMemoryEventQueue queue = gateway.bean(InMemoryEventQueue.class);
        queue.clear();

        Map<String, Object> replay = gateway.body(gateway.handle(gateway.request("POST", "/v1/quarantine/replay?date=" + date,
                gateway.adminKey, null)));

        assertThat(replay).containsEntry("replayed", 1).containsEntry("stillInvalid", 0);
        assertThat(queue.envelopes()).singleElement().satisfies(e -> {
            assertThat(e.channelId()).isEqualTo("web");
            assertThat(e.events()).singleElement().satisfies(ev -> assertThat(ev.messageId()).isEqualTo("msg-batch-0004"));
        });
        assertThat(quarantine.countsByReason("demo", java.time.LocalDate.parse(date))).isEmpty();
    }

    @Test
    void givenStillInvalidEvent_whenReplayed_thenItStaysQuarantinedAndNothingIsQueued() {
        gateway.handle(gateway.request("POST", "/v1/batch", gateway.writeKey, SampleEvents.text("payloads/batch.json")));
        InMemoryEventQueue queue = gateway.bean(InMemoryEventQueue.class);
        queue.clear();

        Map<String, Object> replay = gateway.body(gateway.handle(gateway.request("POST", "/v1/quarantine/replay",
                gateway.adminKey, null)));

        assertThat(replay).containsEntry("replayed", 0).containsEntry("stillInvalid", 1);
        assertThat(queue.envelopes()).isEmpty();
        assertThat(gateway.bean(InMemoryQuarantine.class).events()).hasSize(1);
    }

    @Test
    void givenGetOnAKeyId_whenHandled_thenAnswers405MethodNotAllowedNamingDeleteAndKeepingAllow() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("GET", "/v1/admin/keys/key_1",
                gateway.adminKey, null));

        gateway.assertError(response, 405, "method_not_allowed",
                "GET is not allowed on /v1/admin/keys/key_1; allowed: DELETE");
        assertThat(response.getHeaders()).containsEntry("Allow", "DELETE");
    }

    @Test
    void givenPatchOnASegment_whenHandled_thenAnswers405ListingTheAllowedMethodsInOneOrder() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("PATCH", "/v1/segments/s1",
                gateway.adminKey, "{}"));

        gateway.assertError(response, 405, "method_not_allowed",
                "PATCH is not allowed on /v1/segments/s1; allowed: GET, HEAD, PUT, DELETE");
        assertThat(response.getHeaders()).containsEntry("Allow", "GET, HEAD, PUT, DELETE");
    }

    @Test
    void givenTextBodyOnKeyRotation_whenPosted_thenAnswers415UnsupportedMediaTypeNamingJson() {
        APIGatewayV2HTTPEvent request = gateway.request("POST", "/v1/admin/keys/key_1/rotate", gateway.adminKey,
                "rotate please");
        request.getHeaders().put("content-type", "text/plain");

        APIGatewayV2HTTPResponse response = gateway.handle(request);

        gateway.assertError(response, 415, "unsupported_media_type",
                "POST /v1/admin/keys/key_1/rotate does not take a text/plain body; it takes application/json");
    }

    @Test
    void givenUnknownAdminPath_whenRequested_thenAnswers404NotFoundNamingTheRoute() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("GET", "/v1/admin/kyes", gateway.adminKey,
                null));

        gateway.assertError(response, 404, "not_found", "no route GET /v1/admin/kyes; see /openapi.json");
    }

    @Test
    void givenAPathWithAMalformedEscape_whenRequested_thenAnswers400InvalidRequestInsteadOfFailingTheInvocation() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("GET", "/v1/consumers/%ZZ",
                gateway.adminKey, null));

        gateway.assertError(response, 400, "invalid_request",
                "the request path is not a valid URI: Malformed escape pair at index 14: /v1/consumers/%ZZ");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void givenBadDate_whenCountingTheQuarantine_thenAnswers400NamingTheParameter() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("GET", "/v1/quarantine?date=yesterday",
                gateway.adminKey, null));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(gateway.body(response)).containsEntry("field", "date");
    }

    private APIGatewayV2HTTPResponse track(String key) {
        return gateway.handle(gateway.request("POST", "/v1/track", key,
                "{\"type\":\"track\",\"event\":\"Product Viewed\",\"anonymousId\":\"a1\"}"));
    }

    private String keyIdOf(String rawKey) {
        String digest = io.tally.core.domain.access.KeyDigest.of(rawKey);
        return gateway.bean(io.tally.testkit.InMemoryApiKeyStore.class).findByHash(digest).orElseThrow().keyId();
    }
}
