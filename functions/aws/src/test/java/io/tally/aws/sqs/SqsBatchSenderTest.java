package io.tally.aws.sqs;

import io.tally.core.port.out.QueueUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsBatchSenderTest {

    private static final String QUEUE = "http://sqs.local/000000000000/scans";

    @Test
    void givenEntriesFailingOnce_whenSent_thenOnlyTheFailedOnesAreRetriedAndAllArrive() {
        var sqs = new ScriptedSqs(request -> failing(request, "1", "2"), ScriptedSqs::accepting);

        new SqsBatchSender(sqs).send(QUEUE, List.of("a", "b", "c"), "scan task");

        assertThat(sqs.bodiesPerCall()).containsExactly(List.of("a", "b", "c"), List.of("b", "c"));
        assertThat(sqs.queues()).containsOnly(QUEUE);
    }

    @Test
    void givenAnEntryTheQueueKeepsRefusing_whenSent_thenQueueUnavailableNamesHowManyAndWhy() {
        var sqs = new ScriptedSqs(request -> failing(request, "0"), request -> failing(request, "0"),
                request -> failing(request, "0"));

        assertThatThrownBy(() -> new SqsBatchSender(sqs).send(QUEUE, List.of("a", "b"), "scan task"))
                .isInstanceOf(QueueUnavailableException.class)
                .hasMessageContaining("1 scan task(s) were not accepted")
                .hasMessageContaining("InternalError");
        assertThat(sqs.bodiesPerCall()).hasSize(SqsBatchSender.SEND_ATTEMPTS);
    }

    @Test
    void givenTheSdkFailingTwiceThenSucceeding_whenSent_thenEverythingIsQueued() {
        var sqs = new ScriptedSqs(ScriptedSqs::unreachable, ScriptedSqs::unreachable, ScriptedSqs::accepting);

        new SqsBatchSender(sqs).send(QUEUE, List.of("a"), "ingest message");

        assertThat(sqs.bodiesPerCall()).hasSize(3).allSatisfy(bodies -> assertThat(bodies).containsExactly("a"));
    }

    @Test
    void givenTheSdkFailingEveryAttempt_whenSent_thenQueueUnavailableCarriesTheCause() {
        var sqs = new ScriptedSqs(ScriptedSqs::unreachable, ScriptedSqs::unreachable, ScriptedSqs::unreachable);

        assertThatThrownBy(() -> new SqsBatchSender(sqs).send(QUEUE, List.of("a"), "ingest message"))
                .isInstanceOf(QueueUnavailableException.class)
                .hasMessageContaining("1 ingest message(s) not queued")
                .hasCauseInstanceOf(SdkClientException.class);
    }

    @Test
    void givenABodyWithCharactersSqsRefuses_whenSent_thenTheyTravelAsJsonEscapesAndTheRestUntouched() {
        var sqs = new ScriptedSqs(ScriptedSqs::accepting);
        String body = "{\"name\":\"a\uFFFFb\uD800c\u0001d 中文 😀\"}";

        new SqsBatchSender(sqs).send(QUEUE, List.of(body), "ingest message");

        assertThat(sqs.bodiesPerCall().get(0)).containsExactly("{\"name\":\"a\\uffffb\\ud800c\\u0001d 中文 😀\"}");
    }

    @Test
    void givenAnEntrySqsRefusesAsTheSendersFault_whenSent_thenItFailsAtOnceInsteadOfReportingTheQueueUnavailable() {
        var sqs = new ScriptedSqs(request -> SendMessageBatchResponse.builder().failed(BatchResultErrorEntry.builder()
                .id("0").code("InvalidMessageContents").message("bad").senderFault(true).build()).build());

        assertThatThrownBy(() -> new SqsBatchSender(sqs).send(QUEUE, List.of("x"), "ingest message"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("InvalidMessageContents");
        assertThat(sqs.bodiesPerCall()).hasSize(1);
    }

    @Test
    void givenMoreThanOneBatchOfBodies_whenSent_thenRefusedBeforeAnyCall() {
        var sqs = new ScriptedSqs();
        List<String> eleven = Collections.nCopies(SqsBatchSender.MAX_BATCH_ENTRIES + 1, "x");

        assertThatThrownBy(() -> new SqsBatchSender(sqs).send(QUEUE, eleven, "scan task"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10");
        assertThat(sqs.bodiesPerCall()).isEmpty();
    }

    private static SendMessageBatchResponse failing(SendMessageBatchRequest request, String... failedIds) {
        List<String> failed = List.of(failedIds);
        return SendMessageBatchResponse.builder()
                .successful(request.entries().stream().filter(e -> !failed.contains(e.id()))
                        .map(e -> SendMessageBatchResultEntry.builder().id(e.id()).messageId("m-" + e.id()).build())
                        .toList())
                .failed(failed.stream().map(id -> BatchResultErrorEntry.builder().id(id).code("InternalError")
                        .message("try again").senderFault(false).build()).toList())
                .build();
    }

    /** An SQS client answering each SendMessageBatch call with the next scripted answer, recording what it got. */
    private static final class ScriptedSqs implements SqsClient {
        private final List<Function<SendMessageBatchRequest, SendMessageBatchResponse>> answers;
        private final List<SendMessageBatchRequest> calls = new ArrayList<>();

        @SafeVarargs
        ScriptedSqs(Function<SendMessageBatchRequest, SendMessageBatchResponse>... answers) {
            this.answers = List.of(answers);
        }

        static SendMessageBatchResponse accepting(SendMessageBatchRequest request) {
            return failing(request);
        }

        static SendMessageBatchResponse unreachable(SendMessageBatchRequest request) {
            throw SdkClientException.create("connection refused");
        }

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            calls.add(request);
            return answers.get(calls.size() - 1).apply(request);
        }

        List<List<String>> bodiesPerCall() {
            return calls.stream()
                    .map(c -> c.entries().stream().map(SendMessageBatchRequestEntry::messageBody).toList()).toList();
        }

        List<String> queues() {
            return calls.stream().map(SendMessageBatchRequest::queueUrl).toList();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }
}
