package io.tally.local;

import io.tally.aws.job.JobReport;
import io.tally.core.domain.clv.BgNbdParameters;
import io.tally.core.domain.clv.BgNbdSimulator;
import io.tally.core.domain.clv.CustomerSummary;
import io.tally.core.domain.clv.GammaGammaParameters;
import io.tally.core.domain.clv.GammaGammaSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: the daily CLV job on the whole local stack (DynamoDB Local, ElasticMQ, S3Proxy) — purchases sent
 * through the gateway, the job planned twice (two report dates) and worked as scatter-gather over the scans queue
 * with its parts and valuations in the clv bucket, {@code GET /v1/asset} with the fit's diagnostics, and a segment
 * rule on {@code clv}. Needs only the JVM.
 */
class ClvIT {

    private static final int BUYERS = 300;
    private static final int VIEWERS = 20;
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    private static String admin;

    @BeforeAll
    static void seed() {
        admin = stack.keys.adminKey("demo");
        List<Map<String, Object>> events = new ArrayList<>();
        // buyers drawn from BG/NBD at the CDNOW parameters (weeks), seeded: each buyer's first purchase T weeks
        // before yesterday, x repeat purchases on distinct days up to tx
        BgNbdSimulator simulator = new BgNbdSimulator(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), 7, 2026);
        // and a mean order value from Gamma-Gamma at the CDNOW parameters, every order of a buyer worth that mean
        GammaGammaSimulator spend = new GammaGammaSimulator(new GammaGammaParameters(6.25, 3.74, 15.44), 2027);
        Instant end = TODAY.minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < BUYERS; i++) {
            CustomerSummary customer = simulator.next(20 + i % 20);
            Instant first = end.minus(Math.round(customer.T() * 7), ChronoUnit.DAYS);
            long txDays = Math.max(Math.round(customer.tx() * 7), customer.x());
            BigDecimal revenue = BigDecimal.valueOf(spend.nextMeanSpend(customer.x() + 1))
                    .setScale(2, RoundingMode.HALF_EVEN);
            events.add(order("buyer-" + i, i, 0, first, revenue));
            for (int k = 1; k <= customer.x(); k++) {
                events.add(order("buyer-" + i, i, k, first.plus(Math.round((double) k * txDays / customer.x()),
                        ChronoUnit.DAYS), revenue));
            }
        }
        for (int i = 0; i < VIEWERS; i++) {
            events.add(Map.of("type", "track", "event", "Product Viewed", "userId", "viewer-" + i,
                    "messageId", "clv-view-" + i, "timestamp", end.toString()));
        }
        for (int from = 0; from < events.size(); from += 500) {
            GatewayClient.Response response = stack.gateway.send("POST", "/v1/batch",
                    stack.keys.writeKey("demo", "web"), Map.of("batch", events.subList(from,
                            Math.min(events.size(), from + 500))));
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(60))).isTrue();
    }

    private static Map<String, Object> order(String userId, int buyer, int index, Instant at, BigDecimal revenue) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "track");
        event.put("event", "Order Completed");
        event.put("userId", userId);
        event.put("messageId", "clv-order-" + buyer + "-" + index);
        event.put("timestamp", at.toString());
        event.put("properties", Map.of("revenue", revenue));
        return event;
    }

    private static GatewayClient.Response call(String method, String path, Object body) {
        return stack.gateway.send(method, path, admin, body);
    }

    @Test
    void givenPurchases_whenTheJobRunsOnTwoDates_thenTheAssetIsValuedWithTheFirstFitAndClvRulesFindMembers() {
        JobReport first = stack.tally.runJob("clv", TODAY.minusDays(1));
        assertThat(first.status()).isEqualTo("planned");
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(60))).isTrue();
        assertThat(call("GET", "/v1/asset?date=" + TODAY.minusDays(1), null).status())
                .as("the first run only fits").isEqualTo(404);

        JobReport second = stack.tally.runJob("clv", TODAY);
        assertThat(second.details()).containsEntry("previousDate", TODAY.minusDays(1).toString());
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(60))).isTrue();

        GatewayClient.Response response = call("GET", "/v1/asset?date=" + TODAY, null);
        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = response.body();
        Map<String, Object> fit = cast(body.get("fit"));
        assertThat(fit).containsEntry("date", TODAY.minusDays(1).toString()).containsEntry("converged", true)
                .containsEntry("buyers", BUYERS);
        Map<String, Object> diagnostics = cast(cast(fit.get("bgnbd")).get("diagnostics"));
        assertThat(diagnostics).containsEntry("converged", true).containsKeys("logLikelihood", "iterations",
                "gradientNorm");
        Map<String, Object> total = cast(cast(body.get("asset")).get("total"));
        assertThat(total).containsEntry("consumers", BUYERS + VIEWERS).containsEntry("buyers", BUYERS);
        assertThat(((Number) total.get("value")).doubleValue()).isPositive();
        assertThat(body.get("change")).as("the first date had no asset to compare with").isNull();

        GatewayClient.Response created = call("POST", "/v1/segments", Map.of("id", "valuable", "name", "Valuable",
                "rule", Map.of("clv", Map.of("gte", 1))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(stack.tally.awaitQueuesDrained(Duration.ofSeconds(60))).isTrue();
        long members = ((Number) call("GET", "/v1/segments/valuable", null).body().get("size")).longValue();
        assertThat(members).isPositive().isLessThanOrEqualTo(BUYERS);
    }

    @Test
    void givenAnInvalidDate_whenTheAssetIsRead_thenBadRequestNamingTheField() {
        GatewayClient.Response response = call("GET", "/v1/asset?date=yesterday", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).containsEntry("field", "date");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
