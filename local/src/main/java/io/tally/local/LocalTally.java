package io.tally.local;

import io.micronaut.context.ApplicationContext;
import io.tally.aws.metrics.WriteCapacityMeter;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tally.aws.job.JobReport;
import io.tally.aws.job.JobRequest;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.ScheduleSpec;
import io.tally.catalog.TallyCatalog;
import io.tally.gateway.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole Tally suite in one process: embedded AWS emulators provisioned from the catalog, the gateway's
 * controllers on 127.0.0.1, a poller per queue invoking the same handler classes Lambda runs, and the
 * catalog's schedules fired daily or on demand.
 */
public final class LocalTally implements LocalJobs, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTally.class);
    /** The keyed-hash secret of local runs only (stable, so a --data-dir keeps matching); AWS uses its own. */
    static final String LOCAL_HASH_SECRET = "tally-local-development-hash-secret";

    private final AwsEndpoints aws;
    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final LocalFunctions functions;
    private final List<QueuePoller> pollers;
    private final ExecutorService pollerThreads;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Object> resources;

    private LocalTally(AwsEndpoints aws, ApplicationContext context, EmbeddedServer server, LocalFunctions functions,
                       List<QueuePoller> pollers, ExecutorService pollerThreads, ScheduledExecutorService scheduler,
                       Map<String, Object> resources) {
        this.aws = aws;
        this.context = context;
        this.server = server;
        this.functions = functions;
        this.pollers = pollers;
        this.pollerThreads = pollerThreads;
        this.scheduler = scheduler;
        this.resources = resources;
    }

    /** Starts the suite on the embedded emulators. */
    public static LocalTally start(LocalOptions options) {
        return start(options, EmbeddedAws.start(options.dataDir()));
    }

    /** Starts the suite against the given AWS-compatible endpoints (e.g. LocalStack); closes them on close. */
    public static LocalTally start(LocalOptions options, AwsEndpoints aws) {
        ApplicationContext context = null;
        try {
            context = ApplicationContext.builder().deduceEnvironment(false).environments("local")
                    .properties(clientProperties(aws, options)).start();
            Map<String, Object> resources = new Provisioner(context.getBean(DynamoDbClient.class),
                    context.getBean(SqsClient.class), context.getBean(S3Client.class)).provision();
            context.getEnvironment().addPropertySource(PropertySource.of("tally-local-resources", resources));
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            LocalFunctions functions = new LocalFunctions(context);
            List<QueuePoller> pollers = new ArrayList<>();
            ExecutorService pollerThreads = Executors.newFixedThreadPool(TallyCatalog.QUEUES.size(),
                    daemon("poller"));
            for (QueueSpec queue : options.consumers() ? TallyCatalog.QUEUES : List.<QueueSpec>of()) {
                QueuePoller poller = new QueuePoller(queue, (String) resources.get(TallyCatalog.queueProperty(queue)),
                        context.getBean(SqsClient.class), functions, options.retryDelay());
                pollers.add(poller);
                pollerThreads.submit(poller);
            }
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                    daemon("scheduler"));
            LocalTally tally = new LocalTally(aws, context, server, functions, pollers, pollerThreads, scheduler,
                    resources);
            context.registerSingleton(LocalJobs.class, tally);
            if (options.schedules()) {
                TallyCatalog.SCHEDULES.forEach(tally::scheduleDaily);
            }
            return tally;
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            aws.close();
            throw e;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Map<String, Object> clientProperties(AwsEndpoints aws, LocalOptions options) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("aws.region", aws.region());
        properties.put("aws.access-key-id", aws.accessKey());
        properties.put("aws.secret-key", aws.secretKey());
        properties.put("aws.services.dynamodb.endpoint-override", aws.dynamoEndpoint().toString());
        properties.put("aws.services.sqs.endpoint-override", aws.sqsEndpoint().toString());
        properties.put("aws.services.s3.endpoint-override", aws.s3Endpoint().toString());
        properties.put("aws.s3.path-style-access-enabled", true);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", options.port());
        // a store's page on any origin may post to this Tally as it may to the deployed one (Micronaut's CORS
        // filter would refuse other origins on a loopback address); keys, not cookies, authorize every call
        properties.put("micronaut.server.cors.localhost-pass-through", true);
        properties.put("micronaut.application.name", "tally-local");
        properties.put("tally.identity.hash-secret", LOCAL_HASH_SECRET);
        properties.put(WriteCapacityMeter.ENABLED, "true");
        return properties;
    }

    private void scheduleDaily(ScheduleSpec schedule) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime next = now.withHour(schedule.hourUtc()).withMinute(schedule.minute()).withSecond(0).withNano(0);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        scheduler.scheduleAtFixedRate(() -> {
            try {
                runJob(schedule.job());
            } catch (RuntimeException e) {
                LOG.error("scheduled job {} failed", schedule.job(), e);
            }
        }, Duration.between(now, next).toMillis(), TimeUnit.DAYS.toMillis(1), TimeUnit.MILLISECONDS);
    }

    /** Runs a scheduled job now, as its EventBridge schedule would. */
    @Override
    public JobReport runJob(String job) {
        return runJob(job, null);
    }

    /** Runs a scheduled job now for business date {@code date} (today when null). */
    @Override
    public JobReport runJob(String job, java.time.LocalDate date) {
        ScheduleSpec schedule = TallyCatalog.SCHEDULES.stream().filter(s -> s.job().equals(job)).findFirst()
                .orElseThrow(() -> new NotFoundException("no job named '" + job + "'; known jobs: "
                        + TallyCatalog.SCHEDULES.stream().map(ScheduleSpec::job).toList()));
        return functions.invoke(schedule.function(), new JobRequest(job, date == null ? null : date.toString()));
    }

    /** Waits until every queue is empty (nothing visible or in flight); false if {@code timeout} passed first. */
    public boolean awaitQueuesDrained(Duration timeout) {
        SqsClient sqs = context.getBean(SqsClient.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean empty = TallyCatalog.QUEUES.stream().allMatch(queue -> {
                var attributes = sqs.getQueueAttributes(r -> r.queueUrl((String) resources.get(
                        TallyCatalog.queueProperty(queue))).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            });
            if (empty) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public URI gatewayUrl() {
        return server.getURI();
    }

    public ApplicationContext context() {
        return context;
    }

    public AwsEndpoints aws() {
        return aws;
    }

    /** Configuration keys of the catalog's resources → their local names and queue URLs. */
    public Map<String, Object> resources() {
        return Map.copyOf(resources);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        pollers.forEach(QueuePoller::stop);
        pollerThreads.shutdown();
        try {
            if (!pollerThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                pollerThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        context.close();
        aws.close();
    }
}
