package io.tally.local;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import io.tally.aws.json.EventCodec;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: the unmodified Segment Java client ({@code com.segment.analytics.java:analytics}), with
 * its own batching, posting to the local gateway. The queue consumers are off, so the test reads exactly what
 * the gateway queued. Needs only the JVM.
 */
class SegmentClientIT {

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.starting(
            () -> LocalTally.start(LocalOptions.forTests().withoutConsumers()));

    @Test
    void givenTheSegmentJavaClient_whenItSendsEveryCallType_thenEachEventIsQueuedWithItsFields() {
        Analytics analytics = Analytics.builder(stack.keys.writeKey("demo", "web"))
                .endpoint(stack.tally.gatewayUrl().toString()).flushQueueSize(50).build();
        try {
            analytics.enqueue(IdentifyMessage.builder().userId("seg-u1").anonymousId("seg-a1")
                    .traits(Map.of("email_opt_in", true, "tier", "gold")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId("seg-u1")
                    .properties(Map.of("order_id", "o-1", "revenue", 42.5)));
            analytics.enqueue(PageMessage.builder("Checkout").anonymousId("seg-a1")
                    .properties(Map.of("path", "/checkout")));
            analytics.enqueue(ScreenMessage.builder("Home").userId("seg-u1"));
            analytics.enqueue(GroupMessage.builder("family-7").userId("seg-u1").traits(Map.of("size", 4)));
            analytics.enqueue(AliasMessage.builder("seg-a1").userId("seg-u1"));
            analytics.flush();
        } finally {
            analytics.shutdown();
        }

        Map<EventType, ConsumerEvent> byType = queuedEvents(6).stream()
                .collect(Collectors.toMap(ConsumerEvent::type, Function.identity()));

        assertThat(byType).containsOnlyKeys(EventType.values());
        assertThat(byType.get(EventType.IDENTIFY).traits()).containsEntry("tier", "gold").containsEntry("email_opt_in", true);
        assertThat(byType.get(EventType.IDENTIFY).anonymousId()).isEqualTo("seg-a1");
        assertThat(byType.get(EventType.TRACK).event()).isEqualTo("Order Completed");
        assertThat(byType.get(EventType.TRACK).properties()).containsEntry("order_id", "o-1");
        assertThat(((Number) byType.get(EventType.TRACK).properties().get("revenue")).doubleValue()).isEqualTo(42.5);
        assertThat(byType.get(EventType.PAGE).name()).isEqualTo("Checkout");
        assertThat(byType.get(EventType.SCREEN).name()).isEqualTo("Home");
        assertThat(byType.get(EventType.GROUP).groupId()).isEqualTo("family-7");
        assertThat(byType.get(EventType.GROUP).traits()).containsEntry("size", 4);
        assertThat(byType.get(EventType.ALIAS).previousId()).isEqualTo("seg-a1");
        assertThat(byType.values()).allSatisfy(event -> {
            assertThat(event.messageId()).isNotBlank();
            assertThat(event.context()).containsKey("library");
            assertThat(event.timestamp()).isBeforeOrEqualTo(event.receivedAt().plusSeconds(1));
        });
    }

    private static List<ConsumerEvent> queuedEvents(int expected) {
        EventCodec codec = stack.tally.context().getBean(EventCodec.class);
        String queueUrl = stack.queueUrl(TallyCatalog.INGEST_QUEUE);
        List<ConsumerEvent> events = new ArrayList<>();
        LocalStackFixture.eventually(Duration.ofSeconds(15), () -> {
            for (Message message : stack.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                events.addAll(codec.readEnvelope(message.body()).events());
                stack.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            return events.size() >= expected ? java.util.Optional.of(events) : java.util.Optional.empty();
        });
        return events;
    }
}
