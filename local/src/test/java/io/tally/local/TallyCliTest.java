package io.tally.local;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit scope: how the {@code tally} CLI fails — one line on stderr, exit code 1 (2 for usage errors), no stack trace
 * unless asked for. Needs no network: the gateway is a closed port or a tiny HTTP server on 127.0.0.1.
 */
class TallyCliTest {

    private static final String SAVED_KEYS = "{\"demo\": {\"admin\": \"ta_demo\", \"channels\": {\"web\": \"tw_demo\"}}}";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<String> requestedPaths = new CopyOnWriteArrayList<>();
    private HttpServer gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    /**
     * Runs the command line, capturing what picocli prints and what the commands print on System.out and System.err.
     * The command line is made once System.out and System.err are redirected: picocli's execution strategy keeps the
     * streams it was made with and would print to them.
     */
    private int run(Supplier<CommandLine> cli, String... args) {
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        try {
            return cli.get().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
    }

    private int run(String... args) {
        return run(() -> TallyCli.commandLine(Map.of()), args);
    }

    private String stdout() {
        return stdout.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** A loopback URL on which nothing listens: the port was free a moment ago and was closed at once. */
    private static String closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** A gateway on an ephemeral loopback port that answers every request with {@code status} and {@code body}. */
    private String gatewayAnswering(int status, String contentType, String body) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            requestedPaths.add(exchange.getRequestURI().getRawPath());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(bytes);
            }
        });
        gateway.start();
        return "http://127.0.0.1:" + gateway.getAddress().getPort();
    }

    private static String unreachable(String url) {
        return "tally: cannot reach the gateway at " + url
                + " (connection refused) — is `./tally up` running? Use --url to point elsewhere.\n";
    }

    @Test
    void givenNothingListensAtTheUrl_whenAnAdminCommandRuns_thenOneLineSaysTheGatewayCannotBeReachedAndItExits1() throws Exception {
        String url = closedUrl();

        int exitCode = run("keys", "list", "--key", "ta_given", "--url", url);

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).isEqualTo(unreachable(url));
        assertThat(stdout()).isEmpty();
    }

    @Test
    void givenNothingListensAtTheUrl_whenEventsAreSent_thenTheSameOneLineAndNoProgressBarArePrinted() throws Exception {
        String url = closedUrl();
        Path events = Files.writeString(dir.resolve("events.ndjson"),
                "{\"type\":\"track\",\"event\":\"A\",\"anonymousId\":\"a1\"}\n{\"type\":\"track\",\"event\":\"B\",\"anonymousId\":\"a1\"}\n");

        int exitCode = run("send", events.toString(), "--key", "tw_given", "--url", url);

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).isEqualTo(unreachable(url));
        assertThat(stdout()).isEmpty();
    }

    @Test
    void givenNoSavedKeyFile_whenAnAdminCommandRuns_thenOneLineSaysWhereKeysWereLookedForAndHowToGetSomeAndItExits1() {
        int exitCode = run("quarantine", "--state-dir", dir.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).isEqualTo("tally: no saved keys at " + dir.resolve(LocalKeys.FILE_NAME)
                + " — start the stack with `./tally up` (after `up --data-dir DIR`, pass --state-dir DIR) or pass --key\n");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void givenSavedKeysOfOtherBrands_whenABrandWithoutKeysIsAskedFor_thenOneLineListsTheSavedBrandsAndItExits1() throws Exception {
        Files.writeString(dir.resolve(LocalKeys.FILE_NAME), SAVED_KEYS);

        int exitCode = run("segments", "list", "--state-dir", dir.toString(), "--brand", "acme");

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).isEqualTo(
                "tally: no saved keys for brand 'acme'; saved brands: demo — pass one with --brand, or pass --key\n");
    }

    @Test
    void givenACorruptKeyFile_whenAnAdminCommandRuns_thenOneLineNamesTheFileAndWhereItBreaks() throws Exception {
        Path file = Files.writeString(dir.resolve(LocalKeys.FILE_NAME), "{\"demo\": {\"admin\": ");

        int exitCode = run("keys", "list", "--state-dir", dir.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).startsWith("tally: cannot read the key file " + file + ": ").endsWith(")\n")
                .contains("(line 1, column ").hasLineCount(1);
    }

    @Test
    void givenAGatewayAnsweringHtml_whenAnAdminCommandRuns_thenOneLineQuotesTheBodyOnOneLineAndItExits1() throws Exception {
        String url = gatewayAnswering(502, "text/html", "<html>\n  <body>Bad gateway</body>\n</html>\n");

        int exitCode = run("replay", "--key", "ta_given", "--url", url);

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).isEqualTo(
                "tally: the gateway answered 502 with a non-JSON body: <html> <body>Bad gateway</body> </html>\n");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void givenALongNonJsonAnswer_whenAnAdminCommandRuns_thenOnlyItsFirst200CharactersAreQuoted() throws Exception {
        String url = gatewayAnswering(200, "text/plain", "é".repeat(150) + "x".repeat(150));

        int exitCode = run("run-job", "census", "--key", "ta_given", "--url", url);

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).isEqualTo("tally: the gateway answered 200 with a non-JSON body: "
                + "é".repeat(150) + "x".repeat(50) + "…\n");
    }

    @Test
    void givenAnIdWithASpace_whenAKeyIsRevoked_thenThePathIsPercentEncodedAndTheGatewaysAnswerIsPrinted() throws Exception {
        String url = gatewayAnswering(404, "application/json", "{\"success\":false,\"code\":\"not_found\"}");

        int exitCode = run("keys", "revoke", "no such/key", "--key", "ta_given", "--url", url);

        assertThat(exitCode).isEqualTo(1);
        assertThat(requestedPaths).containsExactly("/v1/admin/keys/no%20such%2Fkey");
        assertThat(stdout()).isEqualTo("{\"success\":false,\"code\":\"not_found\"}\n");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void givenAMissingSegmentFile_whenASegmentIsCreated_thenOneLineNamesTheFileAndItExits1() {
        Path missing = dir.resolve("gold.json");

        int exitCode = run("segments", "create", missing.toString(), "--key", "ta_given");

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).isEqualTo("tally: cannot read the segment file " + missing + ": no such file\n");
    }

    @Test
    void givenAnEventsFileWithABadLine_whenSent_thenOneLineNamesTheFileAndTheLineAndItExits1() throws Exception {
        Path events = Files.writeString(dir.resolve("events.ndjson"), "{\"type\":\"track\"}\n\n{\"type\": tr\n");

        int exitCode = run("send", events.toString(), "--key", "tw_given", "--url", closedUrl());

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).startsWith("tally: cannot read the events in " + events + ": line 3 is not a JSON object: ")
                .hasLineCount(1);
    }

    @Test
    void givenAUrlWithoutScheme_whenParsed_thenItIsAUsageErrorWithExitCode2() {
        int exitCode = run("keys", "list", "--url", "localhost:8080");

        assertThat(exitCode).isEqualTo(2);
        assertThat(stderr()).startsWith("Invalid value for option '--url': "
                + "'localhost:8080' is not an http:// or https:// URL such as http://localhost:8080\n");
    }

    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug\nwith a second line");
        }
    }

    @Test
    void givenABug_whenNotVerbose_thenOneLineNamesTheErrorAndHowToSeeItsStackTrace() {
        int exitCode = run(() -> TallyCli.commandLine(Map.of()).addSubcommand(new Broken()), "broken");

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).isEqualTo("tally: unexpected error: java.lang.IllegalStateException: a bug"
                + " — rerun with --verbose to see its stack trace\n");
    }

    @Test
    void givenABug_whenVerbose_thenTheLineIsFollowedByTheStackTrace() {
        int exitCode = run(() -> TallyCli.commandLine(Map.of()).addSubcommand(new Broken()), "broken", "--verbose");

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).startsWith("tally: unexpected error: java.lang.IllegalStateException: a bug\n"
                + "java.lang.IllegalStateException: a bug\nwith a second line\n\tat ");
    }

    @Test
    void givenTheVerboseVariable_whenAFailureHappens_thenItsStackTraceIsPrintedToo() throws Exception {
        String url = closedUrl();

        int exitCode = run(() -> TallyCli.commandLine(Map.of(TallyCli.VERBOSE_VARIABLE, "1")),
                "keys", "list", "--key", "ta_given", "--url", url);

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).startsWith(unreachable(url) + CliFailure.class.getName() + ": cannot reach")
                .contains("Caused by: java.net.ConnectException");
    }
}
