package io.tally.local;

import io.tally.catalog.BucketSpec;
import io.tally.catalog.QueueSpec;
import io.tally.catalog.TableSpec;
import io.tally.catalog.TallyCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration scope: the embedded emulators hold exactly the catalog's tables (keys, indexes, TTL), queues
 * (visibility, retention, redrive to the DLQ after maxReceiveCount) and buckets. Needs only the JVM.
 */
class ProvisioningIT {

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    @Test
    void givenCatalogTables_whenProvisioned_thenEachHasItsKeysIndexesAndTtl() {
        DynamoDbClient dynamo = stack.tally.context().getBean(DynamoDbClient.class);
        for (TableSpec spec : TallyCatalog.TABLES) {
            String name = (String) stack.tally.resources().get(TallyCatalog.tableProperty(spec));
            TableDescription table = dynamo.describeTable(r -> r.tableName(name)).table();
            assertThat(table.keySchema()).anySatisfy(k -> {
                assertThat(k.attributeName()).isEqualTo(spec.partitionKey());
                assertThat(k.keyType()).isEqualTo(KeyType.HASH);
            }).anySatisfy(k -> {
                assertThat(k.attributeName()).isEqualTo(spec.sortKey());
                assertThat(k.keyType()).isEqualTo(KeyType.RANGE);
            });
            assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName())
                    .containsExactlyInAnyOrderElementsOf(spec.indexes().stream().map(TableSpec.IndexSpec::name).toList());
            assertThat(dynamo.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription().attributeName())
                    .isEqualTo(spec.ttlAttribute());
        }
    }

    @Test
    void givenCatalogQueues_whenProvisioned_thenEachHasItsSettingsAndRedrivesToItsDeadLetterQueue() {
        var sqs = stack.tally.context().getBean(software.amazon.awssdk.services.sqs.SqsClient.class);
        for (QueueSpec spec : TallyCatalog.QUEUES) {
            String url = (String) stack.tally.resources().get(TallyCatalog.queueProperty(spec));
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT,
                    Integer.toString(spec.visibilityTimeoutSeconds()));
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .contains(Provisioner.PREFIX + spec.deadLetterName())
                    .containsPattern("\"maxReceiveCount\":\"?" + spec.maxReceiveCount());
        }
    }

    @Test
    void givenCatalogBuckets_whenProvisioned_thenEachExists() {
        S3Client s3 = stack.tally.context().getBean(S3Client.class);
        for (BucketSpec spec : TallyCatalog.BUCKETS) {
            String name = (String) stack.tally.resources().get(TallyCatalog.bucketProperty(spec));
            assertThat(s3.headBucket(r -> r.bucket(name)).sdkHttpResponse().isSuccessful()).isTrue();
        }
    }
}
