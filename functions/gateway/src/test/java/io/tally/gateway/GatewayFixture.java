package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.port.in.IssueKeyUseCase;
import io.tally.core.port.in.IssueKeyUseCase.IssueKeyCommand;
import io.tally.testkit.SampleEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway function as Lambda runs it (API Gateway v2 event → Micronaut → controllers) over in-memory ports,
 * with a write key (brand {@code demo}, channel {@code web}) and an admin key, and request builders based on
 * the sample events in {@code events/gateway}.
 */
final class GatewayFixture implements AutoCloseable {

    final ApplicationContext context;
    final GatewayFunction function;
    final JsonMapper json;
    final String writeKey;
    final String adminKey;

    /** The hashing secret of the tests' deployment. */
    static final String HASH_SECRET = "test-hash-secret-of-32-bytes-len";

    GatewayFixture(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putIfAbsent("tally.identity.hash-secret", HASH_SECRET);
        context = ApplicationContext.run(all);
        function = new GatewayFunction(context);
        json = context.getBean(JsonMapper.class);
        IssueKeyUseCase keys = context.getBean(IssueKeyUseCase.class);
        writeKey = keys.issue(new IssueKeyCommand("demo", "web", KeyRole.WRITE)).rawKey();
        adminKey = keys.issue(new IssueKeyCommand("demo", null, KeyRole.ADMIN)).rawKey();
    }

    GatewayFixture() {
        this(Map.of());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        return function.handleRequest(request, null);
    }

    /** A sample request with the fixture's keys filled in (Basic headers, and {@code writeKey} in bodies). */
    APIGatewayV2HTTPEvent sample(String name) {
        String text = withKeys(SampleEvents.text(name));
        try {
            APIGatewayV2HTTPEvent event = json.readValue(text, APIGatewayV2HTTPEvent.class);
            event.setHeaders(new HashMap<>(event.getHeaders()));
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample payload with the fixture's write key as its {@code writeKey}. */
    String payload(String name) {
        return withKeys(SampleEvents.text(name));
    }

    private String withKeys(String sample) {
        return sample.replace("Basic ${WRITE_KEY_BASIC}", basic(writeKey))
                .replace("Basic ${ADMIN_KEY_BASIC}", basic(adminKey))
                .replace("${WRITE_KEY}", writeKey);
    }

    /** A request to {@code method path} (path may carry a query string) with {@code key} and a JSON body. */
    APIGatewayV2HTTPEvent request(String method, String path, String key, String body) {
        APIGatewayV2HTTPEvent event = sample("gateway/track-request.json");
        String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        event.setRawPath(rawPath);
        event.setRawQueryString(query);
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        event.setQueryStringParameters(parameters.isEmpty() ? null : parameters);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(rawPath);
        event.getHeaders().put("authorization", basic(key));
        event.setBody(body);
        return event;
    }

    static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    Map<String, Object> body(APIGatewayV2HTTPResponse response) {
        try {
            return json.readValue(response.getBody(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body of an error answer, after checking that it is the gateway's JSON error ({@code success: false})
     * and not Micronaut's own shape ({@code _links}, {@code _embedded}).
     */
    Map<String, Object> error(APIGatewayV2HTTPResponse response) {
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        Map<String, Object> body = body(response);
        assertThat(body).doesNotContainKeys("_links", "_embedded").containsEntry("success", false);
        return body;
    }

    /** Checks that {@code response} is an error of {@code status} whose body is exactly this code and message. */
    void assertError(APIGatewayV2HTTPResponse response, int status, String code, String message) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(error(response)).isEqualTo(Map.of("success", false, "code", code, "message", message));
    }

    List<Map<String, Object>> list(APIGatewayV2HTTPResponse response) {
        try {
            return json.readValue(response.getBody(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String toJson(Object value) {
        try {
            return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }

    @Override
    public void close() {
        function.close();
        context.close();
    }
}
