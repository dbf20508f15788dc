package io.tally.local;

import io.tally.catalog.BucketSpec;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.TableSpec;
import io.tally.catalog.TallyCatalog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates every table, queue (with its dead-letter queue and redrive policy) and bucket of
 * {@link TallyCatalog} in the embedded emulators, the same way the CDK stack declares them, and returns the
 * configuration that points the functions at them. Re-running it against a persisted data directory is harmless.
 */
public final class Provisioner {

    /** Prefix of every local physical name. */
    public static final String PREFIX = "tally-";

    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final S3Client s3;

    public Provisioner(DynamoDbClient dynamo, SqsClient sqs, S3Client s3) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.s3 = s3;
    }

    /** @return configuration keys from the catalog → physical names and queue URLs */
    public Map<String, Object> provision() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (TableSpec table : TallyCatalog.TABLES) {
            properties.put(TallyCatalog.tableProperty(table), createTable(table));
        }
        for (QueueSpec queue : TallyCatalog.QUEUES) {
            properties.put(TallyCatalog.queueProperty(queue), createQueue(queue));
        }
        for (BucketSpec bucket : TallyCatalog.BUCKETS) {
            properties.put(TallyCatalog.bucketProperty(bucket), createBucket(bucket));
        }
        return properties;
    }

    private String createTable(TableSpec spec) {
        String name = PREFIX + spec.logicalName();
        Set<String> keyAttributes = new LinkedHashSet<>(List.of(spec.partitionKey(), spec.sortKey()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            keyAttributes.add(index.partitionKey());
            keyAttributes.add(index.sortKey());
            indexes.add(GlobalSecondaryIndex.builder().indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(p -> {
                        if (index.projectsAll()) {
                            p.projectionType(ProjectionType.ALL);
                        } else if (index.projected().isEmpty()) {
                            p.projectionType(ProjectionType.KEYS_ONLY);
                        } else {
                            p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(index.projected());
                        }
                    }).build());
        }
        try {
            dynamo.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key(spec.partitionKey(), KeyType.HASH), key(spec.sortKey(), KeyType.RANGE))
                    .attributeDefinitions(keyAttributes.stream().map(a -> AttributeDefinition.builder()
                            .attributeName(a).attributeType(ScalarAttributeType.S).build()).toList())
                    .globalSecondaryIndexes(indexes));
            dynamo.updateTimeToLive(r -> r.tableName(name)
                    .timeToLiveSpecification(t -> t.attributeName(spec.ttlAttribute()).enabled(true)));
        } catch (ResourceInUseException alreadyThere) {
            // persisted data directory: the table is kept from the last run
        }
        return name;
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }

    private String createQueue(QueueSpec spec) {
        String dlqUrl = sqs.createQueue(r -> r.queueName(PREFIX + spec.deadLetterName()).attributes(Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(QueueSpec.DLQ_RETENTION_SECONDS))))
                .queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + spec.maxReceiveCount()
                + "\"}";
        return sqs.createQueue(r -> r.queueName(PREFIX + spec.logicalName()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(spec.visibilityTimeoutSeconds()),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(spec.retentionSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
    }

    private String createBucket(BucketSpec spec) {
        String name = PREFIX + spec.logicalName();
        try {
            s3.createBucket(r -> r.bucket(name));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // persisted data directory
        }
        return name;
    }

}
