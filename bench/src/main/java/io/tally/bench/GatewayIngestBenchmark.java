package io.tally.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.tally.aws.config.ResourceNames;
import io.tally.aws.json.EventCodec;
import io.tally.aws.sqs.SqsBatchSender;
import io.tally.aws.sqs.SqsEventQueue;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.event.EventType;
import io.tally.core.domain.event.IngestEnvelope;
import io.tally.core.domain.event.SegmentEventReader;
import io.tally.core.domain.identity.PiiProtector;
import io.tally.core.port.in.IssueKeyUseCase.IssueKeyCommand;
import io.tally.core.port.out.BrandSettingsPort;
import io.tally.core.service.ApiKeyService;
import io.tally.core.service.IngestService;
import io.tally.gateway.IngestResponse;
import io.tally.gateway.RateLimiter;
import io.tally.gateway.TrackingApi;
import io.tally.testkit.InMemoryApiKeyStore;
import io.tally.testkit.InMemoryQuarantine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's ingest path in one process, from the raw body bytes of a {@code POST /v1/batch} (100 analytics.js
 * track events) or {@code POST /v1/track} to the events handed to SQS. The production {@link TrackingApi} does what
 * it does per request: size check, key from the Authorization header through {@link ApiKeyService}'s cache, JSON
 * parse by {@link EventCodec} with the context's {@link JsonMapper}, rate limit, {@link PiiProtector},
 * {@link SegmentEventReader} and {@link IngestService}. Then the production {@link SqsEventQueue} packs the
 * envelope with {@link EventCodec} and builds its SendMessageBatch request, which {@link AcceptingSqsClient}
 * accepts in memory. Those beans come from a Micronaut context, as in the gateway. Only three parts are replaced:
 * the key store is in memory (a warm gateway answers from the key cache anyway), the quarantine is in memory (no
 * event is rejected), and the network call to SQS is left out.
 *
 * <p>The baseline is a plain Jackson {@link ObjectMapper} parse of the same bytes into a {@code Map}, the least any
 * JSON gateway must do. Two steps are also timed alone, to show where the time goes: {@code gatewayParse*}, the
 * gateway's parse, and {@code enqueueBatch}, the SQS adapter's packing of the batch's 100 events as read.
 * The batch path needs about 8 s of warm-up before its throughput levels off, so this class warms up longer than
 * the core benchmarks.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class GatewayIngestBenchmark {

    /** Events in the batch body of {@link #acceptBatch}. */
    public static final int BATCH_SIZE = 100;

    private static final String BRAND = "brand-tea";
    private static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/000000000000/tally-ingest";
    /** High enough that the key's token bucket never runs dry; the bucket is still consulted on every request. */
    private static final long UNBOUNDED_EVENTS_PER_SECOND = 1_000_000_000L;

    private ApplicationContext micronaut;
    private TrackingApi gateway;
    private EventCodec codec;
    private AcceptingSqsClient sqs;
    private SqsEventQueue queue;
    /** The batch's events as the gateway queued them, for {@link #enqueueBatch}. */
    private IngestEnvelope queuedBatch;
    private ObjectMapper plainJackson;
    private HttpRequest<byte[]> batchRequest;
    private HttpRequest<byte[]> trackRequest;
    private byte[] batchBody;
    private byte[] trackBody;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        // the gateway's own beans, as its Micronaut context builds them from this configuration
        micronaut = ApplicationContext.builder().deduceEnvironment(false).properties(Map.of(
                TallyCatalog.queueProperty(TallyCatalog.INGEST_QUEUE), QUEUE_URL,
                "tally.identity.hash-secret", "bench-only-hash-secret-32-bytes!",
                "tally.gateway.rate-limit.events-per-second", UNBOUNDED_EVENTS_PER_SECOND,
                "tally.gateway.rate-limit.burst", UNBOUNDED_EVENTS_PER_SECOND)).start();
        codec = micronaut.getBean(EventCodec.class);
        Clock clock = micronaut.getBean(Clock.class);
        // in memory instead of DynamoDB: found keys are served from ApiKeyService's cache, as in a warm gateway
        ApiKeyService keys = new ApiKeyService(new InMemoryApiKeyStore(), clock, Duration.ofSeconds(30));
        String writeKey = keys.issue(new IssueKeyCommand(BRAND, "web", KeyRole.WRITE)).rawKey();
        sqs = new AcceptingSqsClient();
        queue = new SqsEventQueue(new SqsBatchSender(sqs), codec, micronaut.getBean(ResourceNames.class));
        gateway = new TrackingApi(keys, new IngestService(queue, new InMemoryQuarantine()), codec, clock,
                micronaut.getBean(SegmentEventReader.class), micronaut.getBean(RateLimiter.class),
                micronaut.getBean(PiiProtector.class), micronaut.getBean(BrandSettingsPort.class));

        plainJackson = new ObjectMapper();
        batchBody = plainJackson.writeValueAsBytes(Fixtures.batch(BATCH_SIZE));
        trackBody = plainJackson.writeValueAsBytes(Fixtures.trackEvent(1));
        batchRequest = HttpRequest.POST("/v1/batch", batchBody).basicAuth(writeKey, "");
        trackRequest = HttpRequest.POST("/v1/track", trackBody).basicAuth(writeKey, "");
        checkFixturesTakeTheAcceptPath();
    }

    /** The bodies must be accepted whole and reach the queue, or the benchmark would time an error path. */
    private void checkFixturesTakeTheAcceptPath() {
        IngestResponse batch = gateway.batch(batchRequest, batchBody);
        IngestEnvelope queued = codec.readEnvelope(sqs.lastMessageBody());
        queuedBatch = queued;
        if (batch.accepted() != BATCH_SIZE || !batch.rejected().isEmpty() || queued.events().size() != BATCH_SIZE
                || sqs.messagesSent() != 1) {
            throw new IllegalStateException("batch fixture not fully queued in one message: accepted "
                    + batch.accepted() + ", rejected " + batch.rejected() + ", queued " + queued.events().size()
                    + " in " + sqs.messagesSent() + " message(s)");
        }
        IngestResponse track = gateway.single(EventType.TRACK, trackRequest, trackBody);
        if (track.accepted() != 1 || codec.readEnvelope(sqs.lastMessageBody()).events().size() != 1) {
            throw new IllegalStateException("track fixture not queued: accepted " + track.accepted());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        micronaut.close();
    }

    @Benchmark
    public IngestResponse acceptBatch() {
        return gateway.batch(batchRequest, batchBody);
    }

    @Benchmark
    public IngestResponse acceptSingle() {
        return gateway.single(EventType.TRACK, trackRequest, trackBody);
    }

    /** The SQS adapter's share of {@link #acceptBatch}: packing the 100 events as read and building the request. */
    @Benchmark
    public void enqueueBatch() {
        queue.enqueue(queuedBatch);
    }

    @Benchmark
    public Map<String, Object> gatewayParseBatch() {
        return codec.parseObject(batchBody);
    }

    @Benchmark
    public Map<String, Object> gatewayParseSingle() {
        return codec.parseObject(trackBody);
    }

    @Benchmark
    public void parseBatchBaseline(Blackhole bh) throws IOException {
        bh.consume(plainJackson.readValue(batchBody, Map.class));
    }

    @Benchmark
    public void parseSingleBaseline(Blackhole bh) throws IOException {
        bh.consume(plainJackson.readValue(trackBody, Map.class));
    }
}
