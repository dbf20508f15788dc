package io.tally.infra;

import io.tally.catalog.BucketSpec;
import io.tally.catalog.CorsSpec;
import io.tally.catalog.FunctionSpec;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.ScheduleSpec;
import io.tally.catalog.TableSpec;
import io.tally.catalog.TallyCatalog;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Tally's one stack, generated from {@link TallyCatalog}: every table, bucket, queue, function and schedule of the
 * catalog and nothing the catalog describes is restated here. What each function may touch is declared in
 * {@link FunctionAccess}; cdk-nag findings that remain by design are suppressed with reasons in {@link Nag}.
 */
public class TallyStack extends Stack {

    /** Alias every trigger invokes: SnapStart snapshots exist only for published versions. */
    public static final String LIVE_ALIAS = "live";
    /** JVM flags for short-lived invocations: C1 only, no C2 warm-up. */
    public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;
    public static final int API_BURST_LIMIT = 5000;
    public static final int API_RATE_LIMIT = 10000;
    /** EventBridge Scheduler retries a failed invocation this often, for at most this long, then dead-letters it. */
    public static final int SCHEDULE_RETRY_ATTEMPTS = 3;
    public static final int SCHEDULE_MAX_EVENT_AGE_SECONDS = 3600;
    /** Server access logs are kept one year. */
    public static final int ACCESS_LOG_EXPIRATION_DAYS = 365;
    /** Incomplete multipart uploads are cleaned up after a week. */
    public static final int ABORT_MULTIPART_DAYS = 7;

    /** Configuration key of the PII hashing secret, set from Secrets Manager for the functions that hash. */
    static final String PII_HASH_SECRET_PROPERTY = "tally.identity.hash-secret";
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final Map<String, Role> scheduleRoles = new LinkedHashMap<>();
    private final Map<String, CfnSchedule> schedules = new LinkedHashMap<>();
    private final Bucket accessLogBucket;
    private final Secret piiHashSecret;
    private final Queue scheduleDeadLetterQueue;
    private final HttpApi httpApi;
    private final HttpStage httpStage;

    public TallyStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        LambdaJars jars = LambdaJars.locate();

        TallyCatalog.TABLES.forEach(this::addTable);
        accessLogBucket = addAccessLogBucket();
        TallyCatalog.BUCKETS.forEach(this::addBucket);
        TallyCatalog.QUEUES.forEach(this::addQueue);
        piiHashSecret = Secret.Builder.create(this, "PiiHashSecret")
                .description("Tally: key of the keyed hashes (HMAC-SHA256) of consumers' phone numbers and emails")
                .generateSecretString(SecretStringGenerator.builder().passwordLength(48).excludePunctuation(true)
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        TallyCatalog.FUNCTIONS.forEach(function -> addFunction(function, jars));
        TallyCatalog.QUEUES.forEach(this::connectConsumer);

        httpApi = HttpApi.Builder.create(this, "HttpApi")
                .description("Tally gateway: Segment-compatible ingest, benefits and admin API")
                .createDefaultStage(false)
                .corsPreflight(corsPreflight(TallyCatalog.HTTP_API_CORS))
                .build();
        httpStage = addHttpApi();

        scheduleDeadLetterQueue = Queue.Builder.create(this, "ScheduleDeadLetterQueue")
                .retentionPeriod(Duration.seconds(QueueSpec.DLQ_RETENTION_SECONDS))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        TallyCatalog.SCHEDULES.forEach(this::addSchedule);

        addOutputs();
        Nag.suppressByDesign(this);
    }

    Secret piiHashSecret() {
        return piiHashSecret;
    }

    // ---------------------------------------------------------------- data

    private void addTable(TableSpec spec) {
        Table.Builder builder = Table.Builder.create(this, Ids.pascal(spec.logicalName()) + "Table")
                .partitionKey(stringAttribute(spec.partitionKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.RETAIN);
        if (spec.sortKey() != null) {
            builder.sortKey(stringAttribute(spec.sortKey()));
        }
        if (spec.ttlAttribute() != null) {
            builder.timeToLiveAttribute(spec.ttlAttribute());
        }
        Table table = builder.build();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            GlobalSecondaryIndexProps.Builder gsi = GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(stringAttribute(index.partitionKey()))
                    .projectionType(index.projectsAll() ? ProjectionType.ALL
                            : index.projected().isEmpty() ? ProjectionType.KEYS_ONLY : ProjectionType.INCLUDE);
            if (!index.projectsAll() && !index.projected().isEmpty()) {
                gsi.nonKeyAttributes(index.projected());
            }
            if (index.sortKey() != null) {
                gsi.sortKey(stringAttribute(index.sortKey()));
            }
            table.addGlobalSecondaryIndex(gsi.build());
        }
        tables.put(spec.logicalName(), table);
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private Bucket addAccessLogBucket() {
        return Bucket.Builder.create(this, "AccessLogsBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED) // log delivery supports SSE-S3 only
                .enforceSsl(true)
                // log delivery is granted by a bucket policy (feature flag serverAccessLogsUseBucketPolicy)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(ACCESS_LOG_EXPIRATION_DAYS))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private void addBucket(BucketSpec spec) {
        List<LifecycleRule> rules = new ArrayList<>();
        rules.add(LifecycleRule.builder()
                .id("abort-incomplete-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(ABORT_MULTIPART_DAYS))
                .build());
        if (spec.expirationDays() > 0) {
            rules.add(LifecycleRule.builder()
                    .id("expire-after-" + spec.expirationDays() + "-days")
                    .expiration(Duration.days(spec.expirationDays()))
                    // versioned bucket: without this, expired objects would live on as noncurrent versions
                    .noncurrentVersionExpiration(Duration.days(spec.expirationDays()))
                    .build());
        }
        Bucket bucket = Bucket.Builder.create(this, Ids.pascal(spec.logicalName()) + "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix(spec.logicalName() + "/")
                .lifecycleRules(rules)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        buckets.put(spec.logicalName(), bucket);
    }

    private void addQueue(QueueSpec spec) {
        Queue deadLetters = Queue.Builder.create(this, Ids.pascal(spec.logicalName()) + "DeadLetterQueue")
                .retentionPeriod(Duration.seconds(QueueSpec.DLQ_RETENTION_SECONDS))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        Queue queue = Queue.Builder.create(this, Ids.pascal(spec.logicalName()) + "Queue")
                .visibilityTimeout(Duration.seconds(spec.visibilityTimeoutSeconds()))
                .retentionPeriod(Duration.seconds(spec.retentionSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetters)
                        .maxReceiveCount(spec.maxReceiveCount())
                        .build())
                .build();
        deadLetterQueues.put(spec.logicalName(), deadLetters);
        queues.put(spec.logicalName(), queue);
    }

    // ---------------------------------------------------------------- functions

    private void addFunction(FunctionSpec spec, LambdaJars jars) {
        String id = Ids.pascal(spec.logicalName());
        FunctionAccess access = FunctionAccess.of(spec);

        LogGroup logs = LogGroup.Builder.create(this, id + "Logs")
                .retention(LOG_RETENTION)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // own role with inline policies only: no AWSLambdaBasicExecutionRole (its logs:* reaches every log group)
        Role role = Role.Builder.create(this, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Tally function " + spec.logicalName())
                .build();
        logs.grantWrite(role);

        Function function = Function.Builder.create(this, id + "Function")
                .description("Tally " + spec.logicalName() + " (" + spec.handler() + ")")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(Code.fromAsset(jars.jar(spec)))
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .role(role)
                .logGroup(logs)
                .environment(environment(access))
                .build();
        Alias alias = Alias.Builder.create(this, id + "LiveAlias")
                .aliasName(LIVE_ALIAS)
                .version(function.getCurrentVersion())
                .description("Published version with its SnapStart snapshot; every trigger invokes this alias")
                .build();

        access.tables().forEach((tableSpec, tableAccess) ->
                table(tableSpec).grant(role, tableAccess.actions().toArray(String[]::new)));
        access.sendsTo().forEach(queueSpec -> queue(queueSpec).grantSendMessages(role));
        access.writesTo().forEach(bucketSpec -> bucket(bucketSpec).grantPut(role));
        access.readsFrom().forEach(bucketSpec -> bucket(bucketSpec).grantRead(role));
        access.deletesFrom().forEach(bucketSpec -> bucket(bucketSpec).grantDelete(role));

        functions.put(spec.logicalName(), function);
        aliases.put(spec.logicalName(), alias);
    }

    /** Physical names of everything the function uses, under the variables the catalog names. */
    private Map<String, String> environment(FunctionAccess access) {
        Map<String, String> environment = new LinkedHashMap<>();
        access.tables().keySet().forEach(spec -> environment.put(
                TallyCatalog.environmentVariable(TallyCatalog.tableProperty(spec)), table(spec).getTableName()));
        access.sendsTo().forEach(spec -> environment.put(
                TallyCatalog.environmentVariable(TallyCatalog.queueProperty(spec)), queue(spec).getQueueUrl()));
        access.buckets().forEach(spec -> environment.put(
                TallyCatalog.environmentVariable(TallyCatalog.bucketProperty(spec)), bucket(spec).getBucketName()));
        if (access.hashesPii()) {
            environment.put(TallyCatalog.environmentVariable(PII_HASH_SECRET_PROPERTY),
                    piiHashSecret.getSecretValue().unsafeUnwrap());
        }
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        return environment;
    }

    /** The queue's consumer (from the catalog) polls it through its {@code live} alias. */
    private void connectConsumer(QueueSpec spec) {
        SqsEventSourceProps.Builder props = SqsEventSourceProps.builder()
                .batchSize(spec.batchSize())
                .reportBatchItemFailures(true);
        if (spec.maxBatchingWindowSeconds() > 0) {
            props.maxBatchingWindow(Duration.seconds(spec.maxBatchingWindowSeconds()));
        }
        alias(spec.consumer()).addEventSource(new SqsEventSource(queue(spec), props.build()));
    }

    // ---------------------------------------------------------------- HTTP API

    private HttpStage addHttpApi() {
        HttpLambdaIntegration integration = new HttpLambdaIntegration("GatewayIntegration",
                alias(TallyCatalog.GATEWAY));
        // the gateway is a Micronaut app: it routes every path itself
        for (String path : List.of("/", "/{proxy+}")) {
            List<HttpRoute> routes = httpApi.addRoutes(AddRoutesOptions.builder()
                    .path(path)
                    .methods(ROUTED_METHODS)
                    .integration(integration)
                    .build());
            routes.forEach(Nag::suppressRouteAuthorization);
        }

        LogGroup accessLogs = LogGroup.Builder.create(this, "HttpApiAccessLogs")
                .retention(LOG_RETENTION)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);
        AccessLogFormat format = AccessLogFormat.custom(HTTP_ACCESS_LOG_FORMAT);
        return httpApi.addStage("DefaultStage", HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().burstLimit(API_BURST_LIMIT).rateLimit(API_RATE_LIMIT).build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return format;
                    }
                })
                .build());
    }

    /**
     * The methods the HTTP API hands to the gateway: every one but OPTIONS. With no route taking OPTIONS, API Gateway
     * answers CORS preflights itself from the API's CORS configuration (an {@code ANY} route would pass them to the
     * function, an invocation per preflight).
     */
    static final List<HttpMethod> ROUTED_METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    /**
     * The catalog's CORS policy as the HTTP API's CORS configuration: API Gateway answers preflights and adds the
     * headers to every answer of the function (replacing the ones the function sets itself).
     */
    static CorsPreflightOptions corsPreflight(CorsSpec cors) {
        return CorsPreflightOptions.builder()
                .allowOrigins(cors.allowOrigins())
                .allowMethods(cors.allowMethods().stream().map(CorsHttpMethod::valueOf).toList())
                .allowHeaders(cors.allowHeaders())
                .exposeHeaders(cors.exposeHeaders())
                .allowCredentials(false)
                .maxAge(Duration.seconds(cors.maxAgeSeconds()))
                .build();
    }

    /** One JSON line per request, HTTP API context variables only. */
    static final String HTTP_ACCESS_LOG_FORMAT = "{"
            + "\"requestId\":\"$context.requestId\","
            + "\"ip\":\"$context.identity.sourceIp\","
            + "\"userAgent\":\"$context.identity.userAgent\","
            + "\"requestTime\":\"$context.requestTime\","
            + "\"httpMethod\":\"$context.httpMethod\","
            + "\"routeKey\":\"$context.routeKey\","
            + "\"path\":\"$context.path\","
            + "\"protocol\":\"$context.protocol\","
            + "\"status\":\"$context.status\","
            + "\"responseLength\":\"$context.responseLength\","
            + "\"responseLatency\":\"$context.responseLatency\","
            + "\"integrationStatus\":\"$context.integrationStatus\","
            + "\"integrationLatency\":\"$context.integrationLatency\","
            + "\"integrationError\":\"$context.integrationErrorMessage\""
            + "}";

    // ---------------------------------------------------------------- schedules

    private void addSchedule(ScheduleSpec spec) {
        String id = Ids.pascal(spec.logicalName());
        Alias target = alias(spec.function());
        Role role = Role.Builder.create(this, id + "ScheduleRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(
                        Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount()))))
                .description("EventBridge Scheduler: invoke " + spec.function() + " for schedule "
                        + spec.logicalName())
                .build();
        target.grantInvoke(role);
        scheduleDeadLetterQueue.grantSendMessages(role);

        CfnSchedule schedule = CfnSchedule.Builder.create(this, id + "Schedule")
                .description("Tally " + spec.logicalName() + ": job " + spec.job() + " on " + spec.function())
                .scheduleExpression(spec.cronExpression())
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .state("ENABLED")
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(target.getFunctionArn())
                        .roleArn(role.getRoleArn())
                        .input(jobInput(spec.job()))
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(SCHEDULE_RETRY_ATTEMPTS)
                                .maximumEventAgeInSeconds(SCHEDULE_MAX_EVENT_AGE_SECONDS)
                                .build())
                        .deadLetterConfig(CfnSchedule.DeadLetterConfigProperty.builder()
                                .arn(scheduleDeadLetterQueue.getQueueArn())
                                .build())
                        .build())
                .build();
        schedule.getNode().addDependency(role);
        scheduleRoles.put(spec.logicalName(), role);
        schedules.put(spec.logicalName(), schedule);
    }

    /** The invocation payload {@code {"job":"<job>"}}. */
    static String jobInput(String job) {
        StringBuilder json = new StringBuilder("{\"job\":\"");
        for (char c : job.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append("\"}").toString();
    }

    // ---------------------------------------------------------------- outputs

    private void addOutputs() {
        output("ApiUrl", httpStage.getUrl(), "Base URL of the HTTP API; every path goes to the gateway function");
        TallyCatalog.TABLES.forEach(spec -> output(Ids.pascal(spec.logicalName()) + "TableName",
                table(spec).getTableName(), "DynamoDB table '" + spec.logicalName() + "' ("
                        + TallyCatalog.environmentVariable(TallyCatalog.tableProperty(spec)) + ")"));
        TallyCatalog.BUCKETS.forEach(spec -> output(Ids.pascal(spec.logicalName()) + "BucketName",
                bucket(spec).getBucketName(), "S3 bucket '" + spec.logicalName() + "' ("
                        + TallyCatalog.environmentVariable(TallyCatalog.bucketProperty(spec)) + ")"));
        output("AccessLogsBucketName", accessLogBucket.getBucketName(), "S3 server access logs of the buckets above");
        TallyCatalog.QUEUES.forEach(spec -> {
            output(Ids.pascal(spec.logicalName()) + "QueueUrl", queue(spec).getQueueUrl(),
                    "SQS queue '" + spec.logicalName() + "' ("
                            + TallyCatalog.environmentVariable(TallyCatalog.queueProperty(spec)) + ")");
            output(Ids.pascal(spec.logicalName()) + "DeadLetterQueueUrl", deadLetterQueue(spec).getQueueUrl(),
                    "Dead letters of '" + spec.logicalName() + "' (" + spec.deadLetterName() + ")");
        });
        output("ScheduleDeadLetterQueueUrl", scheduleDeadLetterQueue.getQueueUrl(),
                "Scheduled invocations that failed after all retries");
        TallyCatalog.FUNCTIONS.forEach(spec -> output(Ids.pascal(spec.logicalName()) + "FunctionAliasArn",
                alias(spec.logicalName()).getFunctionArn(), "Alias '" + LIVE_ALIAS + "' of function '"
                        + spec.logicalName() + "'"));
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    // ---------------------------------------------------------------- lookups (also used by the tests)

    public Table table(TableSpec spec) {
        return lookup(tables, spec.logicalName(), "table");
    }

    public Bucket bucket(BucketSpec spec) {
        return lookup(buckets, spec.logicalName(), "bucket");
    }

    public Queue queue(QueueSpec spec) {
        return lookup(queues, spec.logicalName(), "queue");
    }

    public Queue deadLetterQueue(QueueSpec spec) {
        return lookup(deadLetterQueues, spec.logicalName(), "dead-letter queue");
    }

    public Function function(FunctionSpec spec) {
        return lookup(functions, spec.logicalName(), "function");
    }

    public Alias alias(FunctionSpec spec) {
        return alias(spec.logicalName());
    }

    Alias alias(String functionLogicalName) {
        return lookup(aliases, functionLogicalName, "function");
    }

    public IRole scheduleRole(ScheduleSpec spec) {
        return lookup(scheduleRoles, spec.logicalName(), "schedule");
    }

    public CfnSchedule schedule(ScheduleSpec spec) {
        return lookup(schedules, spec.logicalName(), "schedule");
    }

    public Bucket accessLogBucket() {
        return accessLogBucket;
    }

    public Queue scheduleDeadLetterQueue() {
        return scheduleDeadLetterQueue;
    }

    public HttpApi httpApi() {
        return httpApi;
    }

    public HttpStage httpStage() {
        return httpStage;
    }

    /** The CloudFormation logical id of a resource or of a construct's default resource ({@code MainTable74195DAB}). */
    public String logicalIdOf(IConstruct construct) {
        IConstruct resource = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        if (!(resource instanceof CfnElement)) {
            throw new IllegalArgumentException(construct.getNode().getPath() + " has no CloudFormation resource");
        }
        // resolved, so an overridden id (e.g. of a Lambda version, which CDK suffixes with a code hash) is exact
        return (String) resolve(((CfnElement) resource).getLogicalId());
    }

    private static <T> T lookup(Map<String, T> map, String logicalName, String kind) {
        T value = map.get(logicalName);
        if (value == null) {
            throw new NoSuchElementException("no " + kind + " named '" + logicalName + "' in the catalog");
        }
        return value;
    }
}
