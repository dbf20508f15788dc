package io.tally.local;

import io.micronaut.json.JsonMapper;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.port.in.IssueKeyUseCase;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A running stack with local keys for brand {@code demo} and helpers to talk to it, shared by the ITs. */
final class LocalStackFixture implements AutoCloseable {

    final LocalTally tally;
    final LocalKeys keys;
    final GatewayClient gateway;
    final JsonMapper json;

    LocalStackFixture(LocalTally tally) {
        this.tally = tally;
        this.json = tally.context().getBean(JsonMapper.class);
        this.keys = LocalKeys.issue(tally.context().getBean(IssueKeyUseCase.class),
                Map.of("demo", List.of("web", "pos"), "other", List.of("web")));
        this.gateway = new GatewayClient(tally.gatewayUrl(), json);
    }

    static LocalStackFixture embedded() {
        return new LocalStackFixture(LocalTally.start(LocalOptions.forTests()));
    }

    GatewayClient.Response track(String brand, String channel, Map<String, Object> event) {
        return gateway.send("POST", "/v1/track", keys.writeKey(brand, channel), event);
    }

    /** The consumer an identifier resolves to, through the admin API. */
    Optional<Map<String, Object>> consumer(String brand, IdentifierType type, String value) {
        GatewayClient.Response response = gateway.send("GET", "/v1/consumers?" + type.wireName() + "="
                + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8), keys.adminKey(brand), null);
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

    @Override
    public void close() {
        tally.close();
    }
}
