package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit scope: the served OpenAPI document and the gateway's routes agree — every route is documented and every
 * documented operation is routed (HEAD, which Micronaut adds to every GET, aside). Needs no network.
 */
class OpenApiContractTest {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void givenTheGatewayRoutes_whenComparedWithTheServedDocument_thenTheyAreTheSameOperations() {
        APIGatewayV2HTTPResponse served = gateway.handle(gateway.request("GET", "/openapi.json", "none", null));
        assertThat(served.getStatusCode()).isEqualTo(200);
        Map<String, Object> document = gateway.body(served);
        Map<String, Map<String, Object>> paths = GatewayFixture.cast(document.get("paths"));
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> routed = gateway.bean(Router.class).uriRoutes()
                .map(route -> route.getHttpMethod() + " " + route.getUriMatchTemplate().toString())
                .filter(route -> !route.startsWith(HttpMethod.OPTIONS.name()) && !route.startsWith(HttpMethod.HEAD.name()))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(routed).isNotEmpty().contains("POST /v1/track", "GET /v1/consumers/{consumerId}");
        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void givenTheDocument_whenRead_thenEveryOperationHasAnIdAndResponses() {
        Map<String, Map<String, Map<String, Object>>> paths = GatewayFixture.cast(
                gateway.body(gateway.handle(gateway.request("GET", "/openapi.json", "none", null))).get("paths"));

        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            assertThat(operation).as(method + " " + path).containsKey("operationId").containsKey("responses");
        }));
    }

}
