package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.tally.core.domain.segment.RecomputeTask;
import io.tally.core.port.in.RecomputeSegmentsUseCase;
import io.tally.testkit.InMemoryAudienceExports;
import io.tally.testkit.InMemoryProfileStore;
import io.tally.testkit.InMemoryTaskQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tally.testkit.ProfileBuilder.aProfile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit scope: the segments admin API as Lambda runs it (API Gateway v2 event → controllers → segment services) over
 * the testkit's in-memory ports; the recompute's queued tasks are worked in the test. Needs no network.
 */
class SegmentsFunctionTest {

    private static final String GOLD = "{\"id\":\"gold\",\"name\":\"Gold\",\"rule\":{\"trait\":\"tier\",\"eq\":\"gold\"}}";

    private GatewayFixture gateway;

    @BeforeEach
    void start() {
        gateway = new GatewayFixture();
        InMemoryProfileStore profiles = gateway.bean(InMemoryProfileStore.class);
        for (int i = 0; i < 12; i++) {
            profiles.save(aProfile("demo", "c_" + i).withTrait("tier", i < 4 ? "gold" : "silver")
                    .withIdentifier("member:pos:M" + i).build());
        }
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String body) {
        return gateway.handle(gateway.request(method, path, gateway.adminKey, body));
    }

    private void workQueuedTasks() {
        RecomputeSegmentsUseCase recompute = gateway.bean(RecomputeSegmentsUseCase.class);
        for (RecomputeTask task : gateway.bean(InMemoryTaskQueue.class).drainRecompute()) {
            recompute.work(task);
        }
    }

    @Test
    void givenADefinition_whenCreatedRecomputedAndRead_thenItsMembersSizeAndExportAreServed() {
        APIGatewayV2HTTPResponse created = call("POST", "/v1/segments", GOLD);
        workQueuedTasks();

        Map<String, Object> segment = gateway.body(call("GET", "/v1/segments/gold", null));
        Map<String, Object> members = gateway.body(call("GET", "/v1/segments/gold/members?limit=3", null));
        Map<String, Object> next = gateway.body(call("GET", "/v1/segments/gold/members?limit=3&cursor="
                + members.get("nextCursor"), null));
        APIGatewayV2HTTPResponse exported = call("POST", "/v1/segments/gold/export", null);
        String csv = gateway.bean(InMemoryAudienceExports.class).text((String) gateway.body(exported).get("uri"));

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(gateway.body(created)).containsEntry("version", 1).containsEntry("id", "gold");
        assertThat(segment).containsEntry("size", 4);
        assertThat(GatewayFixture.<Map<String, Object>>cast(segment.get("lastRecompute"))).containsEntry("members", 4);
        assertThat(GatewayFixture.<List<?>>cast(members.get("members"))).hasSize(3);
        assertThat(GatewayFixture.<List<?>>cast(next.get("members"))).hasSize(1);
        assertThat(next).doesNotContainKey("nextCursor");
        assertThat(exported.getStatusCode()).isEqualTo(201);
        assertThat(gateway.body(exported)).containsEntry("rows", 4);
        assertThat(csv.lines()).hasSize(5).first().asString().startsWith("consumer_id,entered_at,");
        assertThat(csv).doesNotContain(",M0", "M1,");
    }

    @Test
    void givenAnInvalidDefinition_whenCreated_thenAnswers400NamingEveryField() {
        APIGatewayV2HTTPResponse response = call("POST", "/v1/segments",
                "{\"id\":\"gold\",\"name\":\"\",\"rule\":{\"all\":[{\"channel\":\"pos\"},{\"clv\":{\"gtee\":200}}]}}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        Map<String, Object> error = gateway.body(response);
        assertThat(error).containsEntry("code", "invalid_segment").containsEntry("field", "name");
        assertThat(GatewayFixture.<List<Map<String, Object>>>cast(error.get("errors"))).extracting(e -> e.get("field"))
                .containsExactly("name", "rule.all[1].clv.gtee");
    }

    @Test
    void givenAnExistingSegment_whenUpdatedOrCreatedDifferently_thenTheVersionMovesOrItConflicts() {
        call("POST", "/v1/segments", GOLD);

        APIGatewayV2HTTPResponse conflict = call("POST", "/v1/segments",
                "{\"id\":\"gold\",\"name\":\"Other\",\"rule\":{\"channel\":\"pos\"}}");
        Map<String, Object> updated = gateway.body(call("PUT", "/v1/segments/gold",
                "{\"name\":\"POS\",\"rule\":{\"channel\":\"pos\"}}"));
        APIGatewayV2HTTPResponse wrongId = call("PUT", "/v1/segments/gold",
                "{\"id\":\"silver\",\"name\":\"POS\",\"rule\":{\"channel\":\"pos\"}}");

        assertThat(conflict.getStatusCode()).isEqualTo(409);
        assertThat(updated).containsEntry("version", 2).containsEntry("name", "POS");
        assertThat(wrongId.getStatusCode()).isEqualTo(400);
        assertThat(gateway.body(wrongId)).containsEntry("field", "id");
    }

    @Test
    void givenADeletedSegment_whenRead_thenAnswers404() {
        call("POST", "/v1/segments", GOLD);

        APIGatewayV2HTTPResponse deleted = call("DELETE", "/v1/segments/gold", null);

        assertThat(deleted.getStatusCode()).isEqualTo(200);
        assertThat(gateway.body(deleted)).containsKey("deletedAt");
        assertThat(call("GET", "/v1/segments/gold", null).getStatusCode()).isEqualTo(404);
        assertThat(call("GET", "/v1/segments", null).getBody()).isEqualTo("[]");
    }

    @Test
    void givenARule_whenPreviewed_thenTheSampleAndEstimateAreAnswered() {
        Map<String, Object> preview = gateway.body(call("POST", "/v1/segments/preview",
                "{\"rule\":{\"trait\":\"tier\",\"eq\":\"gold\"},\"sampleSize\":100}"));

        assertThat(preview).containsEntry("sampled", 12).containsEntry("matched", 4).containsEntry("estimatedSize", 4);
        assertThat(GatewayFixture.<Map<String, Object>>cast(preview.get("basis"))).containsEntry("method", "complete");
    }

    @Test
    void givenBadPreviewAndPagingInput_whenCalled_thenAnswers400NamingTheField() {
        call("POST", "/v1/segments", GOLD);

        assertThat(gateway.body(call("POST", "/v1/segments/preview", "{\"rule\":{\"clv\":{\"gtee\":1}}}")))
                .containsEntry("field", "rule.clv.gtee");
        assertThat(gateway.body(call("POST", "/v1/segments/preview", "{\"rule\":{\"channel\":\"pos\"},"
                + "\"sampleSize\":0}"))).containsEntry("field", "sampleSize");
        assertThat(gateway.body(call("GET", "/v1/segments/gold/members?limit=5000", null)))
                .containsEntry("field", "limit");
        assertThat(gateway.body(call("GET", "/v1/segments/gold/members?cursor=nonsense", null)))
                .containsEntry("field", "cursor");
    }

    @Test
    void givenAWriteKey_whenCallingTheSegmentsApi_thenAnswers401() {
        APIGatewayV2HTTPResponse response = gateway.handle(gateway.request("GET", "/v1/segments", gateway.writeKey,
                null));

        assertThat(response.getStatusCode()).isEqualTo(401);
    }
}
