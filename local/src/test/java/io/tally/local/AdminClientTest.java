package io.tally.local;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit scope: what the CLI prints for an admin API answer and the exit code it returns. Needs no network. */
class AdminClientTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AdminClient admin = new AdminClient(new GatewayClient(URI.create("http://localhost:1"),
            JsonMapper.createDefault()), "ta_unused", JsonMapper.createDefault(),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void givenSuccessfulAnswer_whenPrinted_thenItsJsonIsPrintedAndTheExitCodeIs0() {
        int exitCode = admin.print(new GatewayClient.Response(201, Map.of("channel", "web")));

        assertThat(exitCode).isZero();
        assertThat(output()).isEqualTo("{\"channel\":\"web\"}\n");
    }

    @Test
    void givenErrorAnswer_whenPrinted_thenTheErrorJsonIsPrintedAndTheExitCodeIs1() {
        int exitCode = admin.print(new GatewayClient.Response(400, Map.of("code", "invalid_date")));

        assertThat(exitCode).isEqualTo(1);
        assertThat(output()).isEqualTo("{\"code\":\"invalid_date\"}\n");
    }

    @Test
    void givenArrayAnswer_whenPrinted_thenTheArrayIsPrintedAsItIs() {
        admin.print(new GatewayClient.Response(200, List.of("é", 2)));

        assertThat(output()).isEqualTo("[\"é\",2]\n");
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
