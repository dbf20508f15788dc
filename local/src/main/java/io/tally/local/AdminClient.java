package io.tally.local;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The admin API as the CLI commands call it: one request with an admin key, the answer printed as JSON. */
final class AdminClient {

    private final GatewayClient gateway;
    private final String key;
    private final JsonMapper json;
    private final PrintStream out;

    AdminClient(GatewayClient gateway, String key, JsonMapper json, PrintStream out) {
        this.gateway = gateway;
        this.key = key;
        this.json = json;
        this.out = out;
    }

    int call(String method, String path) {
        return call(method, path, null);
    }

    /** Sends the request and prints the answer; the exit code is 0 for a 2xx answer, 1 otherwise. */
    int call(String method, String path, Object body) {
        return print(gateway.send(method, path, key, body));
    }

    /** Prints the answer's JSON body (an error's too); the exit code is 0 for a 2xx answer, 1 otherwise. */
    int print(GatewayClient.Response response) {
        try {
            out.println(new String(json.writeValueAsBytes(response.json()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.ok() ? 0 : 1;
    }
}
