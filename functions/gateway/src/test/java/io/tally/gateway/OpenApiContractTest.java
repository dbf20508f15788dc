package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
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

    @Test
    void givenTheTrackingOperations_whenRead_thenEachTakesItsBodyAsJsonOrAsText() {
        Map<String, Object> document = gateway.body(gateway.handle(gateway.request("GET", "/openapi.json", "none",
                null)));
        Map<String, Map<String, Map<String, Object>>> paths = GatewayFixture.cast(document.get("paths"));
        Map<String, Map<String, Object>> bodies = GatewayFixture.cast(
                GatewayFixture.<Map<String, Object>>cast(document.get("components")).get("requestBodies"));
        List<String> tracking = gateway.bean(Router.class).uriRoutes()
                .filter(route -> route.getDeclaringType() == TrackingController.class)
                .map(route -> route.getUriMatchTemplate().toString()).toList();

        assertThat(tracking).contains("/v1/t", "/v1/b", "/v1/track", "/v1/import");
        for (String path : tracking) {
            Map<String, Object> body = GatewayFixture.cast(paths.get(path).get("post").get("requestBody"));
            String name = ((String) body.get("$ref")).substring("#/components/requestBodies/".length());
            Map<String, Object> content = GatewayFixture.cast(bodies.get(name).get("content"));
            assertThat(content).as(path).containsOnlyKeys("application/json", "text/plain");
        }
    }

}
