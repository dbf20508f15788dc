package io.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tally.aws.json.EventCodec;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.port.in.IssueKeyUseCase;
import io.tally.local.LocalKeys;
import io.tally.local.LocalOptions;
import io.tally.local.LocalTally;
import io.tally.local.Provisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end load on the gateway: {@code --threads} senders post {@code POST /v1/batch} requests of
 * {@code --batch} events ({@link BatchBodies}) for {@code --warmup} plus {@code --duration} seconds with
 * {@link HttpClient}, then the run reports the accepted events per second, request latency p50/p99 and the count of
 * each status code of the measured phase, and checks that every event the gateway accepted (in both phases) was
 * delivered: with the processor running, the consumer API's event counts of all the run's consumers must add up to
 * the accepted events once the queues are drained; with {@code --no-processor}, the ingest queue must hold exactly
 * the accepted events, each message id once.
 *
 * <p>By default the whole local stack ({@link LocalTally}: embedded DynamoDB Local, ElasticMQ, S3Proxy, the
 * gateway on Netty, the queue pollers) starts in this process, with a write and an admin key issued for brand
 * {@code load}; {@code --url} with {@code --write-key} (and {@code --admin-key} for the check) loads a running
 * gateway instead. The CPU breakdown it prints covers this process only, so it describes the server side only when
 * the stack runs in process. Exit status: 0 when delivery is verified (or cannot be checked), 1 when the delivered
 * events do not match the accepted ones, 2 on bad arguments. Run: {@code java -cp bench/target/classes:$(cat bench/target/runtime-classpath.txt)
 * io.tally.bench.GatewayLoad --threads 4 --batch 100 --duration 30}.
 */
public final class GatewayLoad {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLoad.class);
    private static final String BRAND = "load";
    private static final String CHANNEL = "web";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int CPU_GROUPS_SHOWN = 8;

    private final LoadOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private GatewayLoad(LoadOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(LoadOptions.USAGE);
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new GatewayLoad(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        if (!options.inProcess()) {
            URI target = options.target().orElseThrow();
            LoadResult result = sendLoad(target, options.writeKey().orElseThrow());
            Delivery delivery = options.adminKey().isPresent()
                    ? checkProcessed(target, options.adminKey().get(), result.acceptedEvents(), Optional.empty())
                    : Delivery.notChecked("no --admin-key given: delivery not checked");
            report(target, result, delivery);
            return delivery.verified() || !delivery.checked();
        }
        // the per-key token bucket would otherwise cap one key at 5,000 events/s
        System.setProperty("tally.gateway.rate-limit.events-per-second", Long.toString(options.rateLimit()));
        System.setProperty("tally.gateway.rate-limit.burst", Long.toString(options.rateLimit()));
        LocalOptions stack = new LocalOptions(0, Optional.empty(), Optional.of(Duration.ofSeconds(1)), false, true);
        try (LocalTally tally = LocalTally.start(options.processor() ? stack : stack.withoutConsumers())) {
            long rateLimit = tally.context().getProperty("tally.gateway.rate-limit.events-per-second", Long.class)
                    .orElse(0L);
            if (rateLimit != options.rateLimit()) {
                throw new IllegalStateException("the gateway's rate limit is " + rateLimit + " events/s, not "
                        + options.rateLimit());
            }
            LocalKeys keys = LocalKeys.issue(tally.context().getBean(IssueKeyUseCase.class),
                    Map.of(BRAND, List.of(CHANNEL)));
            URI target = tally.gatewayUrl();
            LoadResult result = sendLoad(target, keys.writeKey(BRAND, CHANNEL));
            Delivery delivery = options.processor()
                    ? checkProcessed(target, keys.adminKey(BRAND), result.acceptedEvents(), Optional.of(tally))
                    : checkQueued(tally, result.acceptedEvents());
            report(target, result, delivery);
            return delivery.verified();
        }
    }

    /** What the senders saw, both phases merged over threads, and the CPU samples around the measured phase. */
    private record LoadResult(LoadStats warmup, LoadStats measured, long measureStartNanos, long loadStartNanos,
                              long loadEndNanos, ThreadCpuSample cpuAtMeasureStart, ThreadCpuSample cpuAtEnd) {

        long acceptedEvents() {
            return warmup.acceptedEvents() + measured.acceptedEvents();
        }

        double measuredSeconds() {
            return (measured.lastEndNanos() - measureStartNanos) / 1e9;
        }
    }

    /** One sender thread's records. */
    private record SenderRecord(LoadStats warmup, LoadStats measured) {
    }

    private LoadResult sendLoad(URI target, String writeKey) throws Exception {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        URI batchUri = target.resolve("/v1/batch");
        long loadStart = System.nanoTime();
        long measureStart = loadStart + options.warmup().toNanos();
        long end = measureStart + options.duration().toNanos();
        LOG.info("loading {} with {} threads, {} events per request: {} s warm-up, {} s measured", batchUri,
                options.threads(), options.batchSize(), options.warmup().toSeconds(), options.duration().toSeconds());
        AtomicLong senderCount = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(options.threads(),
                runnable -> new Thread(runnable, "load-sender-" + senderCount.incrementAndGet()));
        try {
            List<Future<SenderRecord>> records = new ArrayList<>();
            for (int thread = 0; thread < options.threads(); thread++) {
                BatchBodies bodies = new BatchBodies(options, thread);
                records.add(senders.submit(() -> send(bodies, batchUri, authorization, measureStart, end)));
            }
            sleepUntil(measureStart);
            ThreadCpuSample cpuAtMeasureStart = ThreadCpuSample.now();
            List<LoadStats> warmups = new ArrayList<>();
            List<LoadStats> measured = new ArrayList<>();
            for (Future<SenderRecord> record : records) {
                SenderRecord done = record.get();
                warmups.add(done.warmup());
                measured.add(done.measured());
            }
            return new LoadResult(LoadStats.merge(warmups), LoadStats.merge(measured), measureStart, loadStart,
                    System.nanoTime(), cpuAtMeasureStart, ThreadCpuSample.now());
        } finally {
            senders.shutdownNow();
        }
    }

    private SenderRecord send(BatchBodies bodies, URI batchUri, String authorization, long measureStart, long end)
            throws InterruptedException {
        LoadStats warmup = new LoadStats();
        LoadStats measured = new LoadStats();
        while (true) {
            byte[] body = bodies.next();
            long start = System.nanoTime();
            if (start >= end) {
                break;
            }
            int status;
            long accepted = 0;
            long rejected = 0;
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(batchUri).timeout(REQUEST_TIMEOUT)
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (status == 200) {
                    JsonNode answer = json.readTree(response.body());
                    accepted = answer.path("accepted").asLong();
                    rejected = answer.path("rejected").size();
                }
            } catch (IOException e) {
                status = LoadStats.NO_ANSWER;
                LOG.warn("request to {} got no answer: {}", batchUri, e.toString());
            }
            (start < measureStart ? warmup : measured).record(status, start, System.nanoTime(), accepted, rejected);
        }
        return new SenderRecord(warmup, measured);
    }

    /**
     * Whether every accepted event arrived where it should.
     *
     * @param checked  false when the run could not check (no admin key for a remote gateway)
     * @param verified true when exactly the accepted events arrived
     * @param found    events found delivered
     * @param details  how it was checked, and how long it took
     * @param drainedAtNanos when the in-process queues were found empty ({@link System#nanoTime}), 0 if not known
     */
    private record Delivery(boolean checked, boolean verified, long found, String details, long drainedAtNanos) {

        static Delivery notChecked(String why) {
            return new Delivery(false, false, 0, why, 0);
        }
    }

    /**
     * Adds up the consumer API's event counts of the run's consumers: in process once, after the queues drained;
     * against a remote gateway repeatedly, until they add up to the accepted events or the delivery timeout passes.
     */
    private Delivery checkProcessed(URI target, String adminKey, long accepted, Optional<LocalTally> tally)
            throws Exception {
        long started = System.nanoTime();
        long deadline = started + options.deliverTimeout().toNanos();
        String drained = "";
        long drainedAt = 0;
        if (tally.isPresent()) {
            boolean empty = tally.get().awaitQueuesDrained(options.deliverTimeout());
            drainedAt = empty ? System.nanoTime() : 0;
            drained = String.format("queues %s %.1f s after the load ended; ", empty ? "drained" : "NOT drained",
                    (System.nanoTime() - started) / 1e9);
        }
        long found;
        int passes = 0;
        while (true) {
            found = sumEventCounts(target, adminKey);
            passes++;
            // in process, an empty queue means every message was applied (or dead-lettered): the sum is final
            if (found == accepted || tally.isPresent() || System.nanoTime() > deadline) {
                break;
            }
            LOG.info("consumer API counts {} of {} accepted events; checking again", found, accepted);
            Thread.sleep(2000);
        }
        String deadLetters = tally.map(t -> "; ingest DLQ holds " + deadLetterCount(t) + " message(s)").orElse("");
        return new Delivery(true, found == accepted, found, String.format(
                "%ssum of eventCount over the %d consumers' profiles (GET /v1/consumers?anonymousId=…), %d pass(es), "
                        + "%.1f s in all%s", drained, options.consumers(), passes,
                (System.nanoTime() - started) / 1e9, deadLetters), drainedAt);
    }

    private long sumEventCounts(URI target, String adminKey) throws Exception {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((adminKey + ":").getBytes(StandardCharsets.UTF_8));
        AtomicLong sum = new AtomicLong();
        ExecutorService lookups = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (int index = 0; index < options.consumers(); index++) {
                URI uri = target.resolve("/v1/consumers?anonymousId="
                        + URLEncoder.encode(options.anonymousId(index), StandardCharsets.UTF_8));
                pending.add(lookups.submit(() -> {
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                            .header("Authorization", authorization).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() == 200) {
                        sum.addAndGet(json.readTree(response.body()).path("eventCount").asLong());
                    } else if (response.statusCode() != 404) {
                        throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                                + new String(response.body(), StandardCharsets.UTF_8));
                    }
                    return null;
                }));
            }
            for (Future<?> lookup : pending) {
                lookup.get();
            }
        } finally {
            lookups.shutdownNow();
        }
        return sum.get();
    }

    private static String deadLetterCount(LocalTally tally) {
        SqsClient sqs = tally.context().getBean(SqsClient.class);
        String url = sqs.getQueueUrl(r -> r.queueName(Provisioner.PREFIX
                + TallyCatalog.INGEST_QUEUE.deadLetterName())).queueUrl();
        return sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    /** Without consumers: reads every message on the ingest queue and counts the events and their message ids. */
    private Delivery checkQueued(LocalTally tally, long accepted) {
        long started = System.nanoTime();
        SqsClient sqs = tally.context().getBean(SqsClient.class);
        EventCodec codec = tally.context().getBean(EventCodec.class);
        String url = (String) tally.resources().get(TallyCatalog.queueProperty(TallyCatalog.INGEST_QUEUE));
        Set<String> messageIds = new HashSet<>();
        long events = 0;
        long messages = 0;
        int emptyReceives = 0;
        while (emptyReceives < 3) {
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(3600).waitTimeSeconds(1)).messages();
            emptyReceives = received.isEmpty() ? emptyReceives + 1 : 0;
            for (Message message : received) {
                messages++;
                for (ConsumerEvent event : codec.readEnvelope(message.body()).events()) {
                    events++;
                    messageIds.add(event.messageId());
                }
            }
        }
        boolean verified = events == accepted && messageIds.size() == events;
        return new Delivery(true, verified, events, String.format("read %d message(s) off the ingest queue: %d "
                + "events, %d distinct message ids, %.1f s", messages, events, messageIds.size(),
                (System.nanoTime() - started) / 1e9), 0);
    }

    private void report(URI target, LoadResult result, Delivery delivery) {
        LoadStats measured = result.measured();
        double seconds = result.measuredSeconds();
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder out = new StringBuilder("\n== gateway load: ").append(Instant.now()).append(" ==\n");
        out.append(String.format("JVM        %s %s, %d cores, max heap %d MiB%n", System.getProperty("java.vm.name"),
                Runtime.version(), cores, Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        out.append(String.format("target     %s (%s)%n", target, options.inProcess()
                ? "local stack in this process, " + (options.processor() ? "processor on" : "processor off")
                + ", rate limit " + options.rateLimit() + " events/s per key" : "remote"));
        out.append(String.format("load       %d threads x POST /v1/batch of %d events, %d consumers, seed %d; "
                        + "%d s warm-up + %d s measured%n", options.threads(), options.batchSize(),
                options.consumers(), options.seed(), options.warmup().toSeconds(), options.duration().toSeconds()));
        out.append(String.format("measured   %.2f s, %d requests: %s%n", seconds, measured.requests(),
                measured.statusSummary()));
        out.append(String.format("accepted   %d events = %.0f events/s (%.1f requests/s); rejected %d%n",
                measured.acceptedEvents(), measured.acceptedEvents() / seconds, measured.requests() / seconds,
                measured.rejectedEvents()));
        out.append(String.format("latency    p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", measured.latencyMillis(0.50),
                measured.latencyMillis(0.99), measured.latencyMillis(1.0)));
        out.append(cpuReport(result, seconds, cores));
        out.append(String.format("warm-up    %d requests: %s; accepted %d events%n", result.warmup().requests(),
                result.warmup().statusSummary(), result.warmup().acceptedEvents()));
        out.append(String.format("delivery   %s: %d accepted (warm-up + measured), %d found; %s%n",
                !delivery.checked() ? "NOT CHECKED" : delivery.verified() ? "VERIFIED" : "MISMATCH",
                result.acceptedEvents(), delivery.found(), delivery.details()));
        if (delivery.drainedAtNanos() > 0) {
            double total = (delivery.drainedAtNanos() - result.loadStartNanos()) / 1e9;
            out.append(String.format("end-to-end %.0f events/s through the processor: %d events from the first "
                    + "request until the queues were empty (%.1f s; the load itself took %.1f s)%n",
                    result.acceptedEvents() / total, result.acceptedEvents(), total,
                    (result.loadEndNanos() - result.loadStartNanos()) / 1e9));
        }
        System.out.println(out);
    }

    /** The process's CPU use while measuring, and its biggest thread groups, in % of one core. */
    private static String cpuReport(LoadResult result, double seconds, int cores) {
        long process = result.cpuAtEnd().processNanosSince(result.cpuAtMeasureStart());
        Map<String, Long> groups = result.cpuAtEnd().groupNanosSince(result.cpuAtMeasureStart());
        StringBuilder out = new StringBuilder(String.format("cpu        process %.0f %% of %d cores; by thread, in %% "
                + "of one core:", 100.0 * process / (seconds * 1e9 * cores), cores));
        long listed = 0;
        int shown = 0;
        for (Map.Entry<String, Long> group : groups.entrySet()) {
            if (shown++ == CPU_GROUPS_SHOWN) {
                break;
            }
            out.append(String.format("%n             %5.1f  %s", 100.0 * group.getValue() / (seconds * 1e9),
                    group.getKey()));
            listed += group.getValue();
        }
        long threadsTotal = groups.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format("%n             %5.1f  other threads%n             %5.1f  outside Java threads (GC, "
                        + "JIT) and threads that ended%n", 100.0 * (threadsTotal - listed) / (seconds * 1e9),
                100.0 * (process - threadsTotal) / (seconds * 1e9)));
        return out.toString();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
