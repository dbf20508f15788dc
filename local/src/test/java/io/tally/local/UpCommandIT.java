package io.tally.local;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: {@code tally up} on a port that another process holds fails with one line and exit code 1,
 * after starting (and stopping) the embedded emulators. Needs only the JVM and a loopback port.
 */
class UpCommandIT {

    @Test
    void givenThePortIsTaken_whenUpRuns_thenOneLineSaysSoAndSuggestsAnotherPortAndItExits1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StringWriter err = new StringWriter();

            int exitCode = TallyCli.commandLine(Map.of()).setErr(new PrintWriter(err, true))
                    .execute("up", "--port", String.valueOf(port), "--no-seed");

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString().replace(System.lineSeparator(), "\n")).isEqualTo("tally: port " + port
                    + " of 127.0.0.1 is already in use — is Tally already running? Stop it, or pass --port " + (port + 1)
                    + " (and --url http://localhost:" + (port + 1) + " to the other commands)\n");
        }
    }
}
