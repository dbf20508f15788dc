package io.tally.local;

import io.tally.core.domain.consumer.IdentifierType;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tally.catalog.TallyCatalog;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: the quarantine on the whole local stack — rejected batch items stored in S3 (S3Proxy),
 * counted by reason, and replayed through the queue into profiles. Needs only the JVM.
 */
class QuarantineReplayIT {

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    @Test
    void givenBatchWithInvalidEvents_whenPosted_thenTheyAreCountedByReasonAndListedAsSent() {
        var response = stack.gateway.postBatch(stack.keys.writeKey("other", "web"), List.of(
                Map.of("type", "track", "event", "Ok", "userId", "q-ok"),
                Map.of("type", "track", "userId", "q-1"),
                Map.of("type", "track", "event", "NoIds"),
                Map.of("type", "track", "event", "Bad", "userId", "q-2", "timestamp", "yesterday")));

        assertThat(response.body()).containsEntry("accepted", 1);
        Map<String, Object> counts = stack.gateway.send("GET", "/v1/quarantine", stack.keys.adminKey("other"), null).body();
        assertThat(counts).containsEntry("total", 3)
                .containsEntry("byReason", Map.of("required", 2, "invalid_timestamp", 1));
        Object listed = stack.gateway.send("GET", "/v1/quarantine/events?reason=invalid_timestamp",
                stack.keys.adminKey("other"), null).json();
        assertThat(listed).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement().asString()
                .contains("yesterday");
    }

    @Test
    void givenQuarantinedEventFixedInPlace_whenReplayed_thenItReachesItsProfileAndLeavesTheQuarantine()
            throws Exception {
        stack.gateway.postBatch(stack.keys.writeKey("demo", "pos"), List.of(
                Map.of("type", "track", "event", "Order Completed", "userId", "q-replay", "messageId", "q-replay-1",
                        "integrations", "not-an-object")));
        assertThat(stack.gateway.send("GET", "/v1/quarantine", stack.keys.adminKey("demo"), null).body())
                .containsEntry("byReason", Map.of("invalid_type", 1));
        Map<String, Object> stillInvalid = stack.gateway.send("POST", "/v1/quarantine/replay",
                stack.keys.adminKey("demo"), null).body();
        assertThat(stillInvalid).containsEntry("replayed", 0).containsEntry("stillInvalid", 1);
        fixQuarantinedEventsInPlace("brand=demo/", "\"integrations\":\"not-an-object\"", "\"integrations\":{}");

        Map<String, Object> replay = stack.gateway.send("POST", "/v1/quarantine/replay",
                stack.keys.adminKey("demo"), null).body();

        assertThat(replay).containsEntry("replayed", 1).containsEntry("stillInvalid", 0);
        assertThat(LocalStackFixture.eventually(Duration.ofSeconds(3),
                () -> stack.consumer("demo", IdentifierType.USER_ID, "q-replay")))
                .hasValueSatisfying(c -> assertThat(c).containsEntry("eventCount", 1)
                        .containsEntry("channels", List.of("pos")));
        assertThat(stack.gateway.send("GET", "/v1/quarantine", stack.keys.adminKey("demo"), null).body())
                .containsEntry("total", 0);
    }

    @Test
    void givenReasonWithSpaceAndAmpersand_whenListedWithTheCli_thenTheGatewayFiltersOnTheWholeValue() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = new CommandLine(new TallyCli()).execute("quarantine", "--events",
                    "--reason", "no such&date=not-a-date", "--url", stack.tally.gatewayUrl().toString(),
                    "--key", stack.keys.adminKey("demo"));
        } finally {
            System.setOut(console);
        }

        assertThat(exitCode).as("a split-off date=not-a-date would be answered 400").isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).contains("[]");
    }

    /** What an operator does after finding the cause: correct the stored events, then replay. */
    private static void fixQuarantinedEventsInPlace(String prefix, String wrong, String right) {
        S3Client s3 = stack.tally.context().getBean(S3Client.class);
        String bucket = (String) stack.tally.resources().get(TallyCatalog.bucketProperty(TallyCatalog.QUARANTINE_BUCKET));
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().forEach(object -> {
            String body = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asUtf8String();
            s3.putObject(r -> r.bucket(bucket).key(object.key()), RequestBody.fromString(body.replace(wrong, right)));
        });
    }
}
