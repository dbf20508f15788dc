package io.tally.local;

import io.tally.aws.job.JobReport;
import io.tally.core.domain.consumer.IdentifierType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: lifecycle stages, flows and commerce metrics through the whole local stack — gateway,
 * ingest queue, processor on DynamoDB Local with the sparse lifecycle indexes, the scheduled lifecycle job and
 * the admin API. Needs only the JVM.
 */
@SuppressWarnings("unchecked")
class LifecycleIT {

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    @Test
    void givenExposureViewAndOrder_whenProcessedAndRolledUp_thenStagesFlowsAndMetricsAreServed() {
        stack.track("demo", "web", Map.of("type", "track", "event", "Ad Impression", "anonymousId", "lc-a"));
        stack.track("demo", "web", Map.of("type", "track", "event", "Product Viewed", "anonymousId", "lc-b"));
        stack.track("demo", "pos", Map.of("type", "track", "event", "Order Completed", "userId", "lc-c",
                "properties", Map.of("revenue", 120.5, "orderId", "o-1")));
        Map<String, Object> buyer = LocalStackFixture.eventually(Duration.ofSeconds(5),
                () -> stack.consumer("demo", IdentifierType.USER_ID, "lc-c")).orElseThrow();
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(5))).isTrue();
        Instant ordered = Instant.parse((String) buyer.get("firstSeen"));
        LocalDate today = LocalDate.ofInstant(ordered, ZoneOffset.UTC);

        Map<String, Map<String, Object>> stages = (Map<String, Map<String, Object>>) buyer.get("stages");
        assertThat(stages).containsOnlyKeys("aipl", "deeplink");
        assertThat(stages.get("aipl")).containsEntry("stage", "P")
                .containsEntry("expiresAt", ordered.truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofDays(365)).toString());
        assertThat(stages.get("deeplink")).containsEntry("stage", "LEAD");
        assertThat((Map<String, Object>) buyer.get("facts")).containsEntry("orders", 1).containsEntry("member", false);

        Map<String, Object> live = admin("/v1/lifecycle?model=aipl&date=" + today);
        assertThat(live).containsEntry("rolledUp", false).containsEntry("stages", List.of("L", "P", "I", "A"));
        assertThat((List<Object>) live.get("flows")).containsExactlyInAnyOrder(
                Map.of("from", "none", "to", "A", "channel", "web", "count", 1),
                Map.of("from", "none", "to", "I", "channel", "web", "count", 1),
                Map.of("from", "none", "to", "P", "channel", "pos", "count", 1));
        assertThat(live.get("matrix")).isEqualTo(Map.of("none", Map.of("A", 1, "I", 1, "P", 1)));

        Map<String, Object> metrics = admin("/v1/metrics?from=" + today + "&to=" + today);
        Map<?, ?> day = (Map<?, ?>) ((List<?>) metrics.get("days")).get(0);
        assertThat((Map<String, Object>) day.get("total")).containsEntry("orders", 1).containsEntry("buyers", 1)
                .containsEntry("repeatBuyers", 0).containsEntry("gmv", 120.5);
        assertThat(((Map<String, Object>) day.get("channels")).keySet()).containsExactly("pos");

        JobReport job = stack.tally.runJob("lifecycle", today.plusDays(1));
        assertThat(job.status()).isEqualTo("completed");
        assertThat(job.details()).containsEntry("rolledUp", today.toString());

        Map<String, Object> rolledUp = admin("/v1/lifecycle?model=deeplink&date=" + today);
        assertThat(rolledUp).containsEntry("rolledUp", true);
        assertThat((List<Object>) rolledUp.get("flows")).containsExactlyInAnyOrder(
                Map.of("from", "none", "to", "DISCOVER", "channel", "web", "count", 1),
                Map.of("from", "none", "to", "ENGAGE", "channel", "web", "count", 1),
                Map.of("from", "none", "to", "LEAD", "channel", "pos", "count", 1));
        Map<String, Object> afterRollup = admin("/v1/metrics?to=" + today);
        assertThat((Map<String, Object>) ((Map<?, ?>) ((List<?>) afterRollup.get("days")).get(0)).get("total"))
                .containsEntry("orders", 1).containsEntry("orderValue", 120.5);
    }

    @Test
    void givenUnknownModelOrBadRange_whenQuerying_thenAnswers400NamingTheField() {
        GatewayClient.Response model = stack.gateway.send("GET", "/v1/lifecycle?model=funnel",
                stack.keys.adminKey("demo"), null);
        GatewayClient.Response range = stack.gateway.send("GET", "/v1/metrics?from=2026-01-10&to=2026-01-01",
                stack.keys.adminKey("demo"), null);

        assertThat(model.status()).isEqualTo(400);
        assertThat(model.body().toString()).contains("model").contains("aipl, deeplink");
        assertThat(range.status()).isEqualTo(400);
        assertThat(range.body().toString()).contains("from");
    }

    private static Map<String, Object> admin(String path) {
        GatewayClient.Response response = stack.gateway.send("GET", path, stack.keys.adminKey("demo"), null);
        assertThat(response.status()).as("GET %s: %s", path, response.json()).isEqualTo(200);
        return response.body();
    }
}
