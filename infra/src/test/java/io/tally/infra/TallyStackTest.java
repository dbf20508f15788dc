package io.tally.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tally.catalog.BucketSpec;
import io.tally.catalog.FunctionSpec;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.ScheduleSpec;
import io.tally.catalog.TableSpec;
import io.tally.catalog.TallyCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.tally.catalog.TallyCatalog.CLV_BUCKET;
import static io.tally.catalog.TallyCatalog.EXPORTS_BUCKET;
import static io.tally.catalog.TallyCatalog.GATEWAY;
import static io.tally.catalog.TallyCatalog.INGEST_QUEUE;
import static io.tally.catalog.TallyCatalog.MAIN_TABLE;
import static io.tally.catalog.TallyCatalog.PROCESSOR;
import static io.tally.catalog.TallyCatalog.QUARANTINE_BUCKET;
import static io.tally.catalog.TallyCatalog.REPORTER;
import static io.tally.catalog.TallyCatalog.REPORTS_BUCKET;
import static io.tally.catalog.TallyCatalog.SCAN_WORK_QUEUE;
import static io.tally.catalog.TallyCatalog.SEGMENTER;
import static io.tally.catalog.TallyCatalog.SEGMENTER_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthesized template holds every catalog entry with the catalog's settings. Each test walks a catalog list
 * and looks for that entry's own resource (by its logical id), so a missing or mis-configured entry fails.
 */
class TallyStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What each function must be able to reach (and gets the physical name of), stated independently of the stack. */
    private record Uses(List<TableSpec> tables, List<QueueSpec> sendsTo, List<BucketSpec> buckets) {
    }

    private static final Map<String, Uses> EXPECTED_USES = Map.of(
            GATEWAY, new Uses(List.of(MAIN_TABLE), List.of(INGEST_QUEUE, SCAN_WORK_QUEUE),
                    List.of(QUARANTINE_BUCKET, EXPORTS_BUCKET)),
            PROCESSOR, new Uses(List.of(MAIN_TABLE), List.of(), List.of()),
            SEGMENTER, new Uses(List.of(MAIN_TABLE), List.of(SCAN_WORK_QUEUE), List.of()),
            SEGMENTER_WORKER, new Uses(List.of(MAIN_TABLE), List.of(), List.of(CLV_BUCKET)),
            REPORTER, new Uses(List.of(MAIN_TABLE), List.of(), List.of(REPORTS_BUCKET)));

    private static TallyStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() throws Exception {
        SynthesizedTally synthesized = SynthesizedTally.get();
        stack = synthesized.stack;
        template = synthesized.template;
    }

    // ------------------------------------------------------------------------------------------------ tables

    @Test
    void everyCatalogTableIsOnDemandWithPitrKeysIndexesTtlAndRetained() {
        assertThat(TallyCatalog.TABLES).isNotEmpty();
        for (TableSpec spec : TallyCatalog.TABLES) {
            String id = id(stack.table(spec));
            List<Object> indexes = new ArrayList<>();
            for (TableSpec.IndexSpec index : spec.indexes()) {
                indexes.add(Match.objectLike(Map.of(
                        "IndexName", index.name(),
                        "KeySchema", keySchema(index.partitionKey(), index.sortKey()),
                        "Projection", projection(index))));
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("KeySchema", keySchema(spec.partitionKey(), spec.sortKey()));
            properties.put("BillingMode", "PAY_PER_REQUEST");
            properties.put("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true));
            properties.put("SSESpecification", Map.of("SSEEnabled", true));
            properties.put("TimeToLiveSpecification", Map.of("AttributeName", spec.ttlAttribute(), "Enabled", true));
            properties.put("GlobalSecondaryIndexes", indexes.isEmpty() ? Match.absent() : Match.arrayWith(indexes));
            properties.put("AttributeDefinitions", Match.arrayWith(attributeDefinitions(spec)));
            assertResource("AWS::DynamoDB::Table", id, Map.of(
                    "Properties", Match.objectLike(properties),
                    "DeletionPolicy", "Retain",
                    "UpdateReplacePolicy", "Retain"));
            assertThat(properties(id).get("GlobalSecondaryIndexes") == null ? List.of()
                    : (List<?>) properties(id).get("GlobalSecondaryIndexes"))
                    .as("indexes of table %s", spec.logicalName()).hasSize(spec.indexes().size());
        }
    }

    private static List<Object> keySchema(String partitionKey, String sortKey) {
        List<Object> schema = new ArrayList<>();
        schema.add(Map.of("AttributeName", partitionKey, "KeyType", "HASH"));
        if (sortKey != null) {
            schema.add(Map.of("AttributeName", sortKey, "KeyType", "RANGE"));
        }
        return schema;
    }

    private static List<Object> attributeDefinitions(TableSpec spec) {
        List<Object> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(spec.partitionKey()));
        if (spec.sortKey() != null) {
            names.add(spec.sortKey());
        }
        spec.indexes().forEach(index -> {
            names.add(index.partitionKey());
            if (index.sortKey() != null) {
                names.add(index.sortKey());
            }
        });
        names.stream().distinct().forEach(name ->
                definitions.add(Map.of("AttributeName", name, "AttributeType", "S")));
        return definitions;
    }

    // ------------------------------------------------------------------------------------------------ queues

    @Test
    void everyCatalogQueueRedrivesToItsDeadLetterQueueWithTheCatalogSettings() {
        assertThat(TallyCatalog.QUEUES).isNotEmpty();
        for (QueueSpec spec : TallyCatalog.QUEUES) {
            String dlq = id(stack.deadLetterQueue(spec));
            assertResource("AWS::SQS::Queue", id(stack.queue(spec)), Map.of("Properties", Match.objectLike(Map.of(
                    "VisibilityTimeout", spec.visibilityTimeoutSeconds(),
                    "MessageRetentionPeriod", spec.retentionSeconds(),
                    "SqsManagedSseEnabled", true,
                    "RedrivePolicy", Map.of(
                            "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(dlq, "Arn")),
                            "maxReceiveCount", spec.maxReceiveCount())))));
            assertResource("AWS::SQS::Queue", dlq, Map.of("Properties", Match.objectLike(Map.of(
                    "MessageRetentionPeriod", QueueSpec.DLQ_RETENTION_SECONDS,
                    "SqsManagedSseEnabled", true,
                    "RedrivePolicy", Match.absent()))));
        }
    }

    @Test
    void everyQueueRefusesInsecureTransport() {
        List<IConstruct> queues = new ArrayList<>();
        TallyCatalog.QUEUES.forEach(spec -> {
            queues.add(stack.queue(spec));
            queues.add(stack.deadLetterQueue(spec));
        });
        queues.add(stack.scheduleDeadLetterQueue());
        for (IConstruct queue : queues) {
            Map<String, Map<String, Object>> policies = template.findResources("AWS::SQS::QueuePolicy",
                    Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                            "Queues", List.of(Map.of("Ref", id(queue))),
                            "PolicyDocument", Match.objectLike(Map.of("Statement",
                                    Match.arrayWith(List.of(denyInsecureTransport())))))))));
            assertThat(policies).as("SSL-only policy of queue %s", queue.getNode().getPath()).hasSize(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ buckets

    @Test
    void everyCatalogBucketIsPrivateEncryptedVersionedLoggedAndExpiresAsConfigured() {
        assertThat(TallyCatalog.BUCKETS).isNotEmpty();
        String accessLogs = id(stack.accessLogBucket());
        for (BucketSpec spec : TallyCatalog.BUCKETS) {
            String id = id(stack.bucket(spec));
            assertResource("AWS::S3::Bucket", id, Map.of(
                    "Properties", Match.objectLike(Map.of(
                            "PublicAccessBlockConfiguration", blockAll(),
                            "BucketEncryption", sseS3(),
                            "VersioningConfiguration", Map.of("Status", "Enabled"),
                            "LoggingConfiguration", Match.objectLike(Map.of(
                                    "DestinationBucketName", Map.of("Ref", accessLogs))))),
                    "DeletionPolicy", "Retain"));
            List<Object> rules = lifecycleRules(id);
            if (spec.expirationDays() > 0) {
                assertThat(json(rules)).as("lifecycle of bucket %s", spec.logicalName())
                        .contains("\"ExpirationInDays\":" + spec.expirationDays())
                        .contains("\"NoncurrentDays\":" + spec.expirationDays());
            } else {
                assertThat(json(rules)).as("lifecycle of bucket %s", spec.logicalName())
                        .doesNotContain("ExpirationInDays");
            }
            assertSslOnlyBucketPolicy(id);
        }
    }

    @Test
    void accessLogBucketIsPrivateEncryptedAndSslOnly() {
        String id = id(stack.accessLogBucket());
        assertResource("AWS::S3::Bucket", id, Map.of("Properties", Match.objectLike(Map.of(
                "PublicAccessBlockConfiguration", blockAll(),
                "BucketEncryption", sseS3()))));
        assertSslOnlyBucketPolicy(id);
        // log delivery is allowed by bucket policy (not by ACL), for the catalog buckets only
        template.hasResourceProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of(
                "Bucket", Map.of("Ref", id),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(
                        Map.of("Effect", "Allow",
                                "Principal", Map.of("Service", "logging.s3.amazonaws.com"),
                                "Action", "s3:PutObject")))))))));
    }

    private static Map<String, Object> blockAll() {
        return Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true);
    }

    private static Map<String, Object> sseS3() {
        return Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))));
    }

    private static void assertSslOnlyBucketPolicy(String bucketId) {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::S3::BucketPolicy",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                        "Bucket", Map.of("Ref", bucketId),
                        "PolicyDocument", Match.objectLike(Map.of("Statement",
                                Match.arrayWith(List.of(denyInsecureTransport())))))))));
        assertThat(policies).as("SSL-only policy of bucket %s", bucketId).hasSize(1);
    }

    private static Object denyInsecureTransport() {
        return Match.objectLike(Map.of(
                "Effect", "Deny",
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> lifecycleRules(String bucketId) {
        Map<String, Object> lifecycle = (Map<String, Object>) properties(bucketId).get("LifecycleConfiguration");
        return lifecycle == null ? List.of() : (List<Object>) lifecycle.get("Rules");
    }

    // ------------------------------------------------------------------------------------------------ functions

    @Test
    void everyCatalogFunctionRunsJava21OnArmWithSnapStartBehindTheLiveAlias() {
        assertThat(TallyCatalog.FUNCTIONS).isNotEmpty();
        for (FunctionSpec spec : TallyCatalog.FUNCTIONS) {
            String id = id(stack.function(spec));
            assertResource("AWS::Lambda::Function", id, Map.of("Properties", Match.objectLike(Map.of(
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "Handler", spec.handler(),
                    "MemorySize", spec.memoryMb(),
                    "Timeout", spec.timeoutSeconds(),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions")))));
            assertResource("AWS::Lambda::Alias", id(stack.alias(spec)), Map.of("Properties", Match.objectLike(Map.of(
                    "Name", TallyStack.LIVE_ALIAS,
                    "FunctionName", Map.of("Ref", id),
                    "FunctionVersion", Map.of("Fn::GetAtt", List.of(
                            id(stack.function(spec).getCurrentVersion()), "Version"))))));
        }
    }

    @Test
    void everyFunctionRunsItsModulesJar() {
        Map<String, String> assetByModule = new TreeMap<>();
        Map<String, String> moduleByAsset = new TreeMap<>();
        for (FunctionSpec spec : TallyCatalog.FUNCTIONS) {
            String asset = (String) path(properties(id(stack.function(spec))), "Code", "S3Key");
            assertThat(asset).as("code asset of %s", spec.logicalName()).matches("[0-9a-f]{64}\\.jar");
            String previous = assetByModule.putIfAbsent(spec.module(), asset);
            assertThat(previous == null ? asset : previous).as("functions of module %s share its jar", spec.module())
                    .isEqualTo(asset);
            String owner = moduleByAsset.putIfAbsent(asset, spec.module());
            assertThat(owner == null ? spec.module() : owner).as("module %s has its own jar", spec.module())
                    .isEqualTo(spec.module());
        }
    }

    @Test
    void everyFunctionLogsToItsOwnLogGroupKeptThirtyDays() {
        for (FunctionSpec spec : TallyCatalog.FUNCTIONS) {
            String logGroup = ref(path(properties(id(stack.function(spec))), "LoggingConfig", "LogGroup"));
            assertResource("AWS::Logs::LogGroup", logGroup, Map.of("Properties",
                    Match.objectLike(Map.of("RetentionInDays", 30))));
            assertThat(grants(roleOf(spec)).get("logs:PutLogEvents"))
                    .as("%s writes its log group", spec.logicalName())
                    .containsExactly("{\"Fn::GetAtt\":[\"" + logGroup + "\",\"Arn\"]}");
        }
    }

    @Test
    void everyFunctionGetsExactlyThePhysicalNamesOfWhatItUses() {
        assertThat(EXPECTED_USES.keySet()).as("expectations cover the catalog's functions")
                .containsExactlyInAnyOrderElementsOf(
                        TallyCatalog.FUNCTIONS.stream().map(FunctionSpec::logicalName).toList());
        for (FunctionSpec spec : TallyCatalog.FUNCTIONS) {
            Uses uses = EXPECTED_USES.get(spec.logicalName());
            Map<String, Object> variables = new TreeMap<>();
            uses.tables().forEach(t -> variables.put(
                    TallyCatalog.environmentVariable(TallyCatalog.tableProperty(t)), Map.of("Ref", id(stack.table(t)))));
            uses.sendsTo().forEach(q -> variables.put(
                    TallyCatalog.environmentVariable(TallyCatalog.queueProperty(q)), Map.of("Ref", id(stack.queue(q)))));
            uses.buckets().forEach(b -> variables.put(
                    TallyCatalog.environmentVariable(TallyCatalog.bucketProperty(b)), Map.of("Ref", id(stack.bucket(b)))));
            variables.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            if (spec.logicalName().equals(GATEWAY)) {
                variables.put("TALLY_IDENTITY_HASH_SECRET", Match.anyValue());
            }
            assertResource("AWS::Lambda::Function", id(stack.function(spec)), Map.of("Properties",
                    Match.objectLike(Map.of("Environment", Map.of("Variables", Match.objectEquals(variables))))));
        }
    }

    @Test
    void givenThePiiHashSecret_thenOnlyTheGatewayGetsItAndFromSecretsManager() {
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
        String gatewayVariables = template.findResources("AWS::Lambda::Function").get(id(stack.function(
                TallyCatalog.function(GATEWAY)))).toString();
        assertThat(gatewayVariables).contains("TALLY_IDENTITY_HASH_SECRET").contains("resolve:secretsmanager");
        for (FunctionSpec spec : TallyCatalog.FUNCTIONS) {
            if (!spec.logicalName().equals(GATEWAY)) {
                assertThat(template.findResources("AWS::Lambda::Function").get(id(stack.function(spec))).toString())
                        .doesNotContain("TALLY_IDENTITY_HASH_SECRET");
            }
        }
    }

    @Test
    void functionRolesAreLeastPrivilege() {
        String table = id(stack.table(MAIN_TABLE));
        String ingest = id(stack.queue(INGEST_QUEUE));
        String scans = id(stack.queue(SCAN_WORK_QUEUE));
        String quarantine = id(stack.bucket(QUARANTINE_BUCKET));
        String reports = id(stack.bucket(REPORTS_BUCKET));
        String exports = id(stack.bucket(EXPORTS_BUCKET));
        String clv = id(stack.bucket(CLV_BUCKET));

        String gateway = roleOf(TallyCatalog.function(GATEWAY));
        assertGranted(gateway, table, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query");
        assertGranted(gateway, ingest, "sqs:SendMessage");
        assertGranted(gateway, quarantine, "s3:PutObject", "s3:GetObject*", "s3:List*", "s3:DeleteObject*");
        // segments: previews sample profiles (Scan), changes plan a recompute, exports are written and presigned
        assertGranted(gateway, table, "dynamodb:Scan", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
        assertGranted(gateway, scans, "sqs:SendMessage");
        assertGranted(gateway, exports, "s3:PutObject", "s3:GetObject*");
        assertNotGranted(gateway, "sqs:ReceiveMessage");
        assertThat(grants(gateway).get("s3:DeleteObject*")).as("the gateway deletes only quarantine objects")
                .allSatisfy(resource -> assertThat(resource).contains(quarantine));

        String processor = roleOf(TallyCatalog.function(PROCESSOR));
        assertGranted(processor, table, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:Query");
        assertGranted(processor, ingest, "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility");
        assertNotGranted(processor, "dynamodb:Scan", "sqs:SendMessage", "s3:PutObject", "s3:GetObject*");

        String planner = roleOf(TallyCatalog.function(SEGMENTER));
        assertGranted(planner, table, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query");
        assertGranted(planner, scans, "sqs:SendMessage");
        assertNotGranted(planner, "sqs:ReceiveMessage", "s3:PutObject", "s3:GetObject*");
        assertThat(grants(planner).get("sqs:SendMessage")).as("planner sends to the scans queue only")
                .allSatisfy(resource -> assertThat(resource).contains(scans));

        String worker = roleOf(TallyCatalog.function(SEGMENTER_WORKER));
        assertGranted(worker, table, "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:GetItem", "dynamodb:Query");
        assertGranted(worker, scans, "sqs:ReceiveMessage", "sqs:DeleteMessage");
        assertNotGranted(worker, "sqs:SendMessage", "s3:DeleteObject*");
        // the CLV job: parts and per-segment valuations in the clv bucket, nothing else in S3
        assertGranted(worker, clv, "s3:PutObject", "s3:GetObject*", "s3:List*");
        assertThat(grants(worker).get("s3:PutObject")).as("the worker writes the clv bucket only")
                .allSatisfy(resource -> assertThat(resource).contains(clv));
        assertThat(grants(worker).get("s3:GetObject*")).as("the worker reads the clv bucket only")
                .allSatisfy(resource -> assertThat(resource).contains(clv));

        String reporter = roleOf(TallyCatalog.function(REPORTER));
        assertGranted(reporter, table, "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem",
                "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem");
        assertGranted(reporter, reports, "s3:PutObject", "s3:GetObject*");
        assertNotGranted(reporter, "dynamodb:Scan", "sqs:SendMessage", "sqs:ReceiveMessage");
        assertThat(grants(reporter).get("s3:PutObject")).as("reporter writes the reports bucket only")
                .allSatisfy(resource -> assertThat(resource).contains(reports));

        for (FunctionSpec spec : TallyCatalog.FUNCTIONS) {
            String role = roleOf(spec);
            assertNotGranted(role, "*", "dynamodb:*", "sqs:*", "s3:*", "dynamodb:DeleteTable", "dynamodb:CreateTable",
                    "dynamodb:GetRecords", "s3:DeleteBucket", "iam:PassRole");
            assertResource("AWS::IAM::Role", role, Map.of("Properties", Match.objectLike(Map.of(
                    "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                            "Principal", Map.of("Service", "lambda.amazonaws.com")))))),
                    "ManagedPolicyArns", Match.absent()))));
        }
    }

    // ------------------------------------------------------------------------------------------------ triggers

    @Test
    void httpApiSendsEveryPathToTheGatewayAlias() {
        String alias = id(stack.alias(TallyCatalog.function(GATEWAY)));
        Map<String, Map<String, Object>> integrations = template.findResources("AWS::ApiGatewayV2::Integration",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                        "ApiId", Map.of("Ref", id(stack.httpApi())),
                        "IntegrationType", "AWS_PROXY",
                        "PayloadFormatVersion", "2.0",
                        "IntegrationUri", Map.of("Ref", alias))))));
        assertThat(integrations).as("Lambda proxy integration on the gateway alias").hasSize(1);
        String integration = integrations.keySet().iterator().next();
        List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
        for (String path : List.of("/", "/{proxy+}")) {
            for (String method : methods) {
                template.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
                        "RouteKey", method + " " + path,
                        "Target", Map.of("Fn::Join", List.of("", List.of("integrations/",
                                Map.of("Ref", integration)))))));
            }
        }
        template.resourceCountIs("AWS::ApiGatewayV2::Route", 2 * methods.size());
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Map.of("Ref", alias))));
    }

    @Test
    void httpApiAnswersCorsPreflightsItselfForAnyOriginWithoutCredentials() {
        assertResource("AWS::ApiGatewayV2::Api", id(stack.httpApi()), Map.of("Properties", Match.objectLike(Map.of(
                "CorsConfiguration", Map.of(
                        "AllowOrigins", List.of("*"),
                        "AllowMethods", List.of("GET", "HEAD", "POST", "PUT", "DELETE"),
                        "AllowHeaders", List.of("Content-Type", "Authorization", "*"),
                        "ExposeHeaders", List.of("Retry-After", "X-RateLimit-Reset"),
                        "AllowCredentials", false,
                        "MaxAge", 7200)))));
        // API Gateway answers a preflight itself only when no route takes OPTIONS (ANY would pass it on)
        template.allResourcesProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
                "RouteKey", Match.not(Match.stringLikeRegexp("(OPTIONS|ANY) .*")))));
    }

    @Test
    void httpApiDefaultStageWritesAccessLogsAndThrottles() {
        String stage = id(stack.httpStage());
        assertResource("AWS::ApiGatewayV2::Stage", stage, Map.of("Properties",
                Match.objectLike(Map.of(
                        "ApiId", Map.of("Ref", id(stack.httpApi())),
                        "StageName", "$default",
                        "AutoDeploy", true,
                        "AccessLogSettings", Match.objectLike(Map.of(
                                "DestinationArn", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                                "Format", Match.stringLikeRegexp(".*\\$context\\.requestId.*"))),
                        "DefaultRouteSettings", Match.objectLike(Map.of(
                                "ThrottlingBurstLimit", 5000,
                                "ThrottlingRateLimit", 10000))))));
        @SuppressWarnings("unchecked")
        List<Object> destination = (List<Object>) path(properties(stage), "AccessLogSettings", "DestinationArn",
                "Fn::GetAtt");
        assertResource("AWS::Logs::LogGroup", (String) destination.get(0), Map.of("Properties",
                Match.objectLike(Map.of("RetentionInDays", 30))));
    }

    @Test
    void everyQueueIsPolledByItsConsumersAliasWithPartialBatchResponses() {
        for (QueueSpec spec : TallyCatalog.QUEUES) {
            String alias = id(stack.alias(TallyCatalog.function(spec.consumer())));
            Map<String, Map<String, Object>> mappings = template.findResources("AWS::Lambda::EventSourceMapping",
                    Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                            "EventSourceArn", Map.of("Fn::GetAtt", List.of(id(stack.queue(spec)), "Arn")),
                            "BatchSize", spec.batchSize(),
                            "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                            "MaximumBatchingWindowInSeconds", spec.maxBatchingWindowSeconds() > 0
                                    ? spec.maxBatchingWindowSeconds() : Match.absent())))));
            assertThat(mappings).as("event source mapping of queue %s", spec.logicalName()).hasSize(1);
            String functionName = json(mappings.values().iterator().next().get("Properties"));
            assertThat(functionName).as("queue %s triggers alias %s of %s", spec.logicalName(),
                            TallyStack.LIVE_ALIAS, spec.consumer())
                    .contains("{\"Ref\":\"" + alias + "\"}")
                    .contains(":" + TallyStack.LIVE_ALIAS);
        }
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", TallyCatalog.QUEUES.size());
    }

    @Test
    void everyScheduleInvokesItsFunctionsAliasDailyInUtcThroughItsOwnRole() {
        assertThat(TallyCatalog.SCHEDULES).isNotEmpty();
        String dlq = id(stack.scheduleDeadLetterQueue());
        for (ScheduleSpec spec : TallyCatalog.SCHEDULES) {
            String alias = id(stack.alias(TallyCatalog.function(spec.function())));
            String role = id(stack.scheduleRole(spec));
            assertResource("AWS::Scheduler::Schedule", id(stack.schedule(spec)), Map.of("Properties",
                    Match.objectLike(Map.of(
                            "ScheduleExpression", spec.cronExpression(),
                            "ScheduleExpressionTimezone", "UTC",
                            "FlexibleTimeWindow", Map.of("Mode", "OFF"),
                            "State", "ENABLED",
                            "Target", Match.objectLike(Map.of(
                                    "Arn", Map.of("Ref", alias),
                                    "RoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn")),
                                    "Input", "{\"job\":\"" + spec.job() + "\"}",
                                    "RetryPolicy", Map.of("MaximumRetryAttempts", TallyStack.SCHEDULE_RETRY_ATTEMPTS,
                                            "MaximumEventAgeInSeconds", TallyStack.SCHEDULE_MAX_EVENT_AGE_SECONDS),
                                    "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of(dlq, "Arn")))))))));
            assertResource("AWS::IAM::Role", role, Map.of("Properties", Match.objectLike(Map.of(
                    "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                            "Principal", Map.of("Service", "scheduler.amazonaws.com"),
                            "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount",
                                    Map.of("Ref", "AWS::AccountId"))))))))))));
            Map<String, List<String>> grants = grants(role);
            assertThat(grants.get("lambda:InvokeFunction")).as("schedule %s invokes only its alias", spec.logicalName())
                    .containsExactly("{\"Ref\":\"" + alias + "\"}");
            assertThat(grants.get("sqs:SendMessage")).containsExactly(
                    "{\"Fn::GetAtt\":[\"" + dlq + "\",\"Arn\"]}");
            assertThat(grants.keySet()).allSatisfy(action -> assertThat(action).matches("lambda:InvokeFunction|sqs:.*"));
        }
        template.resourceCountIs("AWS::Scheduler::Schedule", TallyCatalog.SCHEDULES.size());
    }

    @Test
    void scheduleInputIsJson() {
        assertThat(TallyStack.jobInput("census")).isEqualTo("{\"job\":\"census\"}");
        assertThat(TallyStack.jobInput("a\"b\\c")).isEqualTo("{\"job\":\"a\\\"b\\\\c\"}");
    }

    // ------------------------------------------------------------------------------------------------ stack

    @Test
    void outputsNameTheApiTablesBucketsAndQueues() {
        template.hasOutput("ApiUrl", Match.objectLike(Map.of("Value",
                Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                        Map.of("Ref", id(stack.httpApi())))))))))));
        TallyCatalog.TABLES.forEach(spec -> template.hasOutput(Ids.pascal(spec.logicalName()) + "TableName",
                Match.objectLike(Map.of("Value", Map.of("Ref", id(stack.table(spec)))))));
        TallyCatalog.BUCKETS.forEach(spec -> template.hasOutput(Ids.pascal(spec.logicalName()) + "BucketName",
                Match.objectLike(Map.of("Value", Map.of("Ref", id(stack.bucket(spec)))))));
        TallyCatalog.QUEUES.forEach(spec -> {
            template.hasOutput(Ids.pascal(spec.logicalName()) + "QueueUrl",
                    Match.objectLike(Map.of("Value", Map.of("Ref", id(stack.queue(spec))))));
            template.hasOutput(Ids.pascal(spec.logicalName()) + "DeadLetterQueueUrl",
                    Match.objectLike(Map.of("Value", Map.of("Ref", id(stack.deadLetterQueue(spec))))));
        });
    }

    @Test
    void theStackHoldsWhatTheCatalogListsAndNothingElse() {
        template.resourceCountIs("AWS::DynamoDB::Table", TallyCatalog.TABLES.size());
        template.resourceCountIs("AWS::S3::Bucket", TallyCatalog.BUCKETS.size() + 1); // + access logs
        template.resourceCountIs("AWS::SQS::Queue", 2 * TallyCatalog.QUEUES.size() + 1); // + DLQs, schedule DLQ
        template.resourceCountIs("AWS::Lambda::Function", TallyCatalog.FUNCTIONS.size()); // no CDK helper functions
        template.resourceCountIs("AWS::Lambda::Alias", TallyCatalog.FUNCTIONS.size());
        template.resourceCountIs("AWS::Logs::LogGroup", TallyCatalog.FUNCTIONS.size() + 1); // + API access logs
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String id(IConstruct construct) {
        return stack.logicalIdOf(construct);
    }

    private static String roleOf(FunctionSpec spec) {
        return id(stack.function(spec).getRole());
    }

    private static void assertResource(String type, String logicalId, Map<String, Object> pattern) {
        Map<String, Map<String, Object>> matching = template.findResources(type, Match.objectLike(pattern));
        assertThat(matching.keySet()).as("%s %s should match %s%nbut is %s", type, logicalId, pattern,
                template.findResources(type).get(logicalId)).contains(logicalId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(String logicalId) {
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        assertThat(resources).containsKey(logicalId);
        return (Map<String, Object>) resources.get(logicalId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(String logicalId) {
        return (Map<String, Object>) resource(logicalId).get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> object, String... keys) {
        Object value = object;
        for (String key : keys) {
            assertThat(value).as("%s in %s", key, object).isInstanceOf(Map.class);
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static String ref(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (String) ((Map<String, Object>) value).get("Ref");
    }

    /** Every allowed action of a role's inline policies, with the JSON of each resource it is allowed on. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> grants(String roleLogicalId) {
        Map<String, List<String>> grants = new TreeMap<>();
        template.findResources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
            if (!json(properties.get("Roles")).contains("{\"Ref\":\"" + roleLogicalId + "\"}")) {
                return;
            }
            Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                for (Object action : asList(statement.get("Action"))) {
                    for (Object resource : asList(statement.get("Resource"))) {
                        grants.computeIfAbsent((String) action, a -> new ArrayList<>()).add(json(resource));
                    }
                }
            }
        });
        return grants;
    }

    private static void assertGranted(String role, String resourceLogicalId, String... actions) {
        Map<String, List<String>> grants = grants(role);
        for (String action : actions) {
            assertThat(grants.get(action)).as("%s may %s on %s (grants: %s)", role, action, resourceLogicalId,
                            grants.keySet())
                    .isNotNull()
                    .anySatisfy(resource -> assertThat(resource).contains("\"" + resourceLogicalId + "\""));
        }
    }

    private static void assertNotGranted(String role, String... actions) {
        assertThat(grants(role).keySet()).as("actions of %s", role).doesNotContain(actions);
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> projection(TableSpec.IndexSpec index) {
        if (index.projectsAll()) {
            return Map.of("ProjectionType", "ALL");
        }
        return index.projected().isEmpty() ? Map.of("ProjectionType", "KEYS_ONLY")
                : Map.of("ProjectionType", "INCLUDE", "NonKeyAttributes", index.projected());
    }
}
