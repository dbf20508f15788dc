package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit scope: the per-key rate limit, configured low, through the gateway function. Needs no network. */
class RateLimitFunctionTest {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = new GatewayFixture(Map.of("tally.gateway.rate-limit.events-per-second", 1,
                "tally.gateway.rate-limit.burst", 20));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void givenKeyOverItsBurst_whenPostingMore_thenAnswers429WithRetryAfterAndOtherKeysAreUnaffected() {
        List<Map<String, Object>> twenty = IntStream.range(0, 20)
                .mapToObj(i -> Map.<String, Object>of("type", "track", "event", "E", "userId", "r" + i)).toList();
        assertThat(gateway.handle(gateway.request("POST", "/v1/batch", gateway.writeKey,
                gateway.toJson(Map.of("batch", twenty)))).getStatusCode()).isEqualTo(200);

        APIGatewayV2HTTPResponse limited = gateway.handle(gateway.request("POST", "/v1/track", gateway.writeKey,
                "{\"type\":\"track\",\"event\":\"E\",\"userId\":\"r21\"}"));

        assertThat(limited.getStatusCode()).isEqualTo(429);
        assertThat(limited.getHeaders()).containsKey("Retry-After");
        assertThat(Long.parseLong(limited.getHeaders().get("Retry-After"))).isPositive();
        assertThat(limited.getHeaders()).containsEntry("X-RateLimit-Reset", limited.getHeaders().get("Retry-After"));
        assertThat(gateway.body(limited)).containsEntry("code", "rate_limited");
        String otherKey = gateway.bean(io.tally.core.port.in.IssueKeyUseCase.class).issue(
                new io.tally.core.port.in.IssueKeyUseCase.IssueKeyCommand("demo", "pos",
                        io.tally.core.domain.access.KeyRole.WRITE)).rawKey();
        assertThat(gateway.handle(gateway.request("POST", "/v1/track", otherKey,
                "{\"type\":\"track\",\"event\":\"E\",\"userId\":\"r22\"}")).getStatusCode()).isEqualTo(200);
    }
}
