package io.tally.local;

import io.tally.aws.job.JobReport;
import io.tally.core.domain.segment.AudienceCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: audience segments on the whole local stack (DynamoDB Local, ElasticMQ, S3Proxy) — definitions
 * through the admin API, the full recompute as scatter-gather (planner → scans queue → worker per scan segment →
 * gather), members, the CSV export behind a presigned link, a new version and idempotent re-runs. Needs only the JVM.
 */
class SegmentsIT {

    private static final int CONSUMERS = 30;

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    private static String admin;

    @BeforeAll
    static void seed() {
        admin = stack.keys.adminKey("demo");
        for (int i = 0; i < CONSUMERS; i++) {
            identify("demo", i % 2 == 0 ? "pos" : "web", "seg-" + i, i % 3 == 0 ? "gold" : "silver");
        }
        identify("other", "web", "other-1", "gold");
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(30))).isTrue();
    }

    private static void identify(String brand, String channel, String userId, String tier) {
        GatewayClient.Response response = stack.gateway.send("POST", "/v1/identify", stack.keys.writeKey(brand,
                channel), Map.of("userId", userId, "traits", Map.of("tier", tier)));
        assertThat(response.status()).isEqualTo(200);
    }

    private static GatewayClient.Response call(String method, String path, Object body) {
        return stack.gateway.send(method, path, admin, body);
    }

    private static Map<String, Object> segment(String id) {
        return call("GET", ApiPath.of("/v1/segments").segment(id).toString(), null).body();
    }

    private static List<String> members(String id) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = call("GET", ApiPath.of("/v1/segments").segment(id).segment("members").query("limit", 4)
                    .query("cursor", cursor).toString(), null).body();
            List<Map<String, Object>> members = cast(page.get("members"));
            members.forEach(m -> ids.add((String) m.get("consumerId")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void givenADefinition_whenCreatedRecomputedExportedAndChanged_thenMembershipsFollowEveryVersion() throws Exception {
        GatewayClient.Response created = call("POST", "/v1/segments", Map.of("id", "gold", "name", "Gold tier",
                "rule", Map.of("trait", "tier", "eq", "gold")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(60))).isTrue();

        assertThat(segment("gold")).containsEntry("size", 10).containsEntry("version", 1);
        assertThat(lastRecompute()).containsEntry("members", 10);
        List<String> listed = members("gold");
        assertThat(listed).hasSize(10).doesNotHaveDuplicates();

        Map<String, Object> export = call("POST", "/v1/segments/gold/export", null).body();
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create((String) export.get("link"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).startsWith("consumer_id,entered_at,channels,email_token,phone_token,user_id_sha256");
        assertThat(csv.body()).contains(AudienceCsv.sha256("seg-0"), AudienceCsv.sha256("seg-27"))
                .doesNotContain("seg-0", "seg-3,").doesNotContain(AudienceCsv.sha256("seg-1"));
        assertThat(lines.subList(1, 11)).extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactlyInAnyOrderElementsOf(listed);

        GatewayClient.Response changed = call("PUT", "/v1/segments/gold", Map.of("name", "Gold tier in POS",
                "rule", Map.of("all", List.of(Map.of("trait", "tier", "eq", "gold"), Map.of("channel", "pos")))));
        assertThat(changed.body()).containsEntry("version", 2);
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(60))).isTrue();

        assertThat(segment("gold")).containsEntry("size", 5).containsEntry("version", 2);
        assertThat(lastRecompute()).containsEntry("members", 5)
                .containsEntry("entered", 5).containsEntry("exited", 5);
        assertThat(members("gold")).hasSize(5).isSubsetOf(listed);

        JobReport again = stack.tally.runJob("segments");
        assertThat(again.status()).isEqualTo("planned");
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(60))).isTrue();
        assertThat(lastRecompute()).containsEntry("runId",
                again.details().get("runId")).containsEntry("members", 5).containsEntry("entered", 0)
                .containsEntry("exited", 0);
        assertThat(segment("gold")).containsEntry("size", 5);
    }

    @Test
    void givenAnInvalidDefinition_whenCreated_thenAnswers400NamingEachField() {
        GatewayClient.Response response = call("POST", "/v1/segments", Map.of("id", "bad id", "name", "Bad",
                "rule", Map.of("orders", Map.of("withinDays", 0, "gte", 1))));

        assertThat(response.status()).isEqualTo(400);
        List<Map<String, Object>> errors = cast(response.body().get("errors"));
        assertThat(errors).extracting(e -> e.get("field")).containsExactly("id", "rule.orders.withinDays");
    }

    @Test
    void givenAnotherBrandsSegment_whenRead_thenAnswers404() {
        stack.gateway.send("POST", "/v1/segments", stack.keys.adminKey("other"), Map.of("id", "others-pos",
                "name", "POS", "rule", Map.of("channel", "pos")));

        GatewayClient.Response response = call("GET", "/v1/segments/others-pos", null);

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void givenAMistypedIdWithASpaceSlashOrDots_whenReadThroughApiPath_thenTheGatewayAnswers404NamingItAsTyped() {
        for (String id : List.of("gold tier", "gold/members", "..", "%20")) {
            GatewayClient.Response response = call("GET", ApiPath.of("/v1/segments").segment(id).toString(), null);

            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.body()).as(id).containsEntry("message", "no segment '" + id + "'");
        }
    }

    @Test
    void givenARule_whenPreviewed_thenTheWholeSmallBaseIsSampled() {
        Map<String, Object> preview = call("POST", "/v1/segments/preview", Map.of("rule",
                Map.of("trait", "tier", "eq", "gold"))).body();

        assertThat(preview).containsEntry("sampled", CONSUMERS).containsEntry("matched", 10)
                .containsEntry("estimatedSize", 10);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static Map<String, Object> lastRecompute() {
        return cast(segment("gold").get("lastRecompute"));
    }
}
