package io.tally.local;

import io.tally.core.domain.consumer.IdentifierType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end scope: the walking path against LocalStack (DynamoDB, SQS, S3) in Docker via Testcontainers,
 * provisioned from the same catalog by the same code as the embedded stack. Needs a Docker engine; without
 * one it is reported as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackWalkingPathE2ET {

    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse("localstack/localstack:4.0"))
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS,
                    LocalStackContainer.Service.S3);

    /**
     * Started here rather than registered as an extension: a registered static field would initialise this class,
     * and with it the container, before Testcontainers can skip the class on a machine without Docker.
     */
    private static LocalStackFixture stack;

    /** LocalStack's endpoints, as the local runner needs them. */
    private record LocalStackEndpoints(URI dynamoEndpoint, URI sqsEndpoint, URI s3Endpoint, String region,
                                       String accessKey, String secretKey) implements AwsEndpoints {
        @Override
        public void close() {
            // the container is stopped by Testcontainers
        }
    }

    @BeforeAll
    static void start() {
        stack = LocalStackFixture.starting(() -> LocalTally.start(LocalOptions.forTests(), new LocalStackEndpoints(
                LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.DYNAMODB),
                LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.SQS),
                LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.S3),
                LOCALSTACK.getRegion(), LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()))).start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void givenTrackEvent_whenPostedThroughTheGateway_thenTheConsumerIsCountedInLocalStack() {
        var response = stack.track("demo", "web", Map.of("type", "track", "event", "Product Viewed",
                "anonymousId", "ls-1"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(LocalStackFixture.eventually(Duration.ofSeconds(10),
                () -> stack.consumer("demo", IdentifierType.ANONYMOUS_ID, "ls-1")))
                .hasValueSatisfying(c -> assertThat(c).containsEntry("eventCount", 1));
    }

    @Test
    void givenWrongKey_whenPosted_then401() {
        assertThat(stack.gateway.send("POST", "/v1/track", "tw_wrong", Map.of("type", "track", "event", "x",
                "anonymousId", "ls-2")).status()).isEqualTo(401);
    }
}
