package io.tally.local;

import io.micronaut.json.JsonMapper;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.port.in.IssueKeyUseCase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A running stack with local keys for brands {@code demo} (channels web, pos) and {@code other} (web), and helpers
 * to talk to it, shared by the ITs. A test class registers it in a static field,
 * {@code @RegisterExtension static final LocalStackFixture stack = LocalStackFixture.embedded();}: the stack starts
 * before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} ones.
 */
final class LocalStackFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final Supplier<LocalTally> starter;
    LocalTally tally;
    LocalKeys keys;
    GatewayClient gateway;
    JsonMapper json;

    private LocalStackFixture(Supplier<LocalTally> start) {
        this.starter = start;
    }

    /** The stack on the embedded emulators, with the test options. */
    static LocalStackFixture embedded() {
        return starting(() -> LocalTally.start(LocalOptions.forTests()));
    }

    /** The stack as {@code start} starts it (other options, other endpoints). */
    static LocalStackFixture starting(Supplier<LocalTally> start) {
        return new LocalStackFixture(start);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the stack and issues the keys; for a test that cannot register the fixture as an extension. */
    LocalStackFixture start() {
        tally = starter.get();
        json = tally.context().getBean(JsonMapper.class);
        keys = LocalKeys.issue(tally.context().getBean(IssueKeyUseCase.class),
                Map.of("demo", List.of("web", "pos"), "other", List.of("web")));
        gateway = new GatewayClient(tally.gatewayUrl(), json);
        return this;
    }

    @Override
    public void close() {
        if (tally != null) {
            tally.close();
        }
    }

    GatewayClient.Response track(String brand, String channel, Map<String, Object> event) {
        return gateway.send("POST", "/v1/track", keys.writeKey(brand, channel), event);
    }

    /** The consumer an identifier resolves to, through the admin API. */
    Optional<Map<String, Object>> consumer(String brand, IdentifierType type, String value) {
        GatewayClient.Response response = gateway.send("GET", ApiPath.of("/v1/consumers").query(type.wireName(), value)
                .toString(), keys.adminKey(brand), null);
        return response.status() == 200 ? Optional.of(response.body()) : Optional.empty();
    }

    String queueUrl(QueueSpec queue) {
        return (String) tally.resources().get(TallyCatalog.queueProperty(queue));
    }

    SqsClient sqs() {
        return tally.context().getBean(SqsClient.class);
    }

    int approximateMessages(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Polls {@code probe} until it yields a value or {@code timeout} passes. */
    static <T> Optional<T> eventually(Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }
}
