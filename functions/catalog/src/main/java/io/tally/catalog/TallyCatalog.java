package io.tally.catalog;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The one description of Tally's cloud resources. The CDK stack ({@code infra/}) and the local stack
 * ({@code local/}) both create exactly what is listed here, and the adapters read the configuration keys named
 * here, so tables, keys, indexes and queue settings are never described twice.
 */
public final class TallyCatalog {

    /** Partition key of the main table. */
    public static final String PK = "pk";
    /** Sort key of the main table. */
    public static final String SK = "sk";
    /** Overloaded secondary index: lists (keys of a brand, members of a segment, ...). */
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    /** Expiry epoch second; DynamoDB deletes items after it. */
    public static final String TTL = "expiresAt";
    /** Sparse index of profiles by the day their lifecycle stages are due for re-evaluation (keys only). */
    public static final String REVIEW_INDEX = "review";
    public static final String REVIEW_KEY = "reviewKey";
    /** Sparse indexes of profiles by the even / odd processing day of their lifecycle day log (log projected). */
    public static final String DAY_EVEN_INDEX = "dayEven";
    public static final String DAY_EVEN_KEY = "dayKeyE";
    public static final String DAY_EVEN_LOG = "dayLogE";
    public static final String DAY_ODD_INDEX = "dayOdd";
    public static final String DAY_ODD_KEY = "dayKeyO";
    public static final String DAY_ODD_LOG = "dayLogO";

    /** Single table: profiles, identity links, channel keys, job state, counters. */
    public static final TableSpec MAIN_TABLE = new TableSpec("main", PK, SK,
            List.of(new TableSpec.IndexSpec(GSI1, GSI1_PK, GSI1_SK),
                    new TableSpec.IndexSpec(REVIEW_INDEX, REVIEW_KEY, PK, List.of()),
                    new TableSpec.IndexSpec(DAY_EVEN_INDEX, DAY_EVEN_KEY, PK, List.of(DAY_EVEN_LOG)),
                    new TableSpec.IndexSpec(DAY_ODD_INDEX, DAY_ODD_KEY, PK, List.of(DAY_ODD_LOG))), TTL);

    public static final String GATEWAY = "gateway";
    public static final String PROCESSOR = "processor";
    public static final String SEGMENTER = "segmenter";
    public static final String SEGMENTER_WORKER = "segmenter-worker";
    public static final String REPORTER = "reporter";

    /** Events accepted by the gateway, packed into messages of up to 256 KB. */
    public static final QueueSpec INGEST_QUEUE = new QueueSpec("ingest", 180, 5, 4 * 24 * 3600, 10, 1, PROCESSOR);
    /** Scatter-gather work items: one DynamoDB parallel-scan segment each. */
    public static final QueueSpec SCAN_WORK_QUEUE = new QueueSpec("scans", 5400, 3, 4 * 24 * 3600, 1, 0,
            SEGMENTER_WORKER);

    public static final BucketSpec REPORTS_BUCKET = new BucketSpec("reports", 0);
    public static final BucketSpec QUARANTINE_BUCKET = new BucketSpec("quarantine", 90);
    /** Segment audience files (hashed identifiers only), fetched through presigned links; kept a week. */
    public static final BucketSpec EXPORTS_BUCKET = new BucketSpec("exports", 7);
    /**
     * The CLV job's intermediate objects: parts until the gather, consumer valuations per scan segment until later
     * runs have compared with them (the month's first-purchase flows look about a month back); kept 45 days.
     */
    public static final BucketSpec CLV_BUCKET = new BucketSpec("clv", 45);

    public static final List<FunctionSpec> FUNCTIONS = List.of(
            new FunctionSpec(GATEWAY, "gateway",
                    "io.tally.gateway.GatewayFunction", 1024, 29),
            new FunctionSpec(PROCESSOR, "processor", "io.tally.processor.IngestQueueHandler", 1024, 30),
            new FunctionSpec(SEGMENTER, "segmenter", "io.tally.segmenter.CensusPlannerHandler", 512, 60),
            new FunctionSpec(SEGMENTER_WORKER, "segmenter", "io.tally.segmenter.ScanWorkHandler", 1024, 900),
            new FunctionSpec(REPORTER, "reporter", "io.tally.reporter.ReportHandler", 1024, 300));

    /**
     * CORS of the whole HTTP API: any origin, never with credentials (keys travel in the request, never in cookies,
     * so a page of another site can do nothing with the API that the same request from outside a browser could
     * not). The Tracking API is called from brands' web stores; the admin API gets the same answers because API
     * Gateway's CORS configuration holds for the whole API. {@code Retry-After} and {@code X-RateLimit-Reset} are
     * exposed so that browser SDKs can honour them on 429 and 503.
     */
    public static final CorsSpec HTTP_API_CORS = new CorsSpec(List.of(CorsSpec.ANY),
            List.of("GET", "HEAD", "POST", "PUT", "DELETE"), List.of("Content-Type", "Authorization", CorsSpec.ANY),
            List.of("Retry-After", "X-RateLimit-Reset"), 7200);

    public static final List<TableSpec> TABLES = List.of(MAIN_TABLE);
    public static final List<QueueSpec> QUEUES = List.of(INGEST_QUEUE, SCAN_WORK_QUEUE);
    public static final List<BucketSpec> BUCKETS = List.of(REPORTS_BUCKET, QUARANTINE_BUCKET, EXPORTS_BUCKET,
            CLV_BUCKET);
    public static final List<ScheduleSpec> SCHEDULES = List.of(
            new ScheduleSpec("daily-lifecycle", REPORTER, 0, 15, "lifecycle"),
            new ScheduleSpec("daily-census", SEGMENTER, 2, 0, "census"),
            new ScheduleSpec("daily-segments", SEGMENTER, 1, 0, "segments"),
            new ScheduleSpec("daily-clv", SEGMENTER, 2, 30, "clv"),
            new ScheduleSpec("daily-report", REPORTER, 3, 0, "daily-report"));

    private TallyCatalog() {
    }

    public static FunctionSpec function(String logicalName) {
        return FUNCTIONS.stream().filter(f -> f.logicalName().equals(logicalName)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no function named " + logicalName));
    }

    /** Configuration key of a table's physical name, e.g. {@code tally.tables.main}. */
    public static String tableProperty(TableSpec table) {
        return "tally.tables." + table.logicalName();
    }

    /** Configuration key of a queue's URL, e.g. {@code tally.queues.ingest}. */
    public static String queueProperty(QueueSpec queue) {
        return "tally.queues." + queue.logicalName();
    }

    /** Configuration key of a bucket's name, e.g. {@code tally.buckets.reports}. */
    public static String bucketProperty(BucketSpec bucket) {
        return "tally.buckets." + bucket.logicalName();
    }

    /** Environment variable carrying a configuration key into a Lambda function ({@code TALLY_TABLES_MAIN}). */
    public static String environmentVariable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
