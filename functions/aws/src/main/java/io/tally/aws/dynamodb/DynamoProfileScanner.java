package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.port.out.ProfileScanPort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.Map;
import java.util.function.Consumer;

import static io.tally.aws.dynamodb.Items.s;

/** Parallel-scan segment reader of the live profiles in the main table (other items and redirects are skipped). */
@Singleton
public class DynamoProfileScanner implements ProfileScanPort {

    private final DynamoDbClient dynamo;
    private final DynamoProfileStore profiles;
    private final String table;

    public DynamoProfileScanner(DynamoDbClient dynamo, DynamoProfileStore profiles, ResourceNames names) {
        this.dynamo = dynamo;
        this.profiles = profiles;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    @Override
    public void scan(int segment, int totalSegments, Consumer<io.tally.core.domain.consumer.ConsumerProfile> sink) {
        ScanRequest request = ScanRequest.builder().tableName(table).segment(segment).totalSegments(totalSegments)
                .filterExpression("#sk = :profile").expressionAttributeNames(Map.of("#sk", TallyCatalog.SK))
                .expressionAttributeValues(Map.of(":profile", s(DynamoProfileStore.PROFILE_SK))).build();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(request).items()) {
            var profile = profiles.fromItem(keyOf(Items.string(item, TallyCatalog.PK)), item);
            if (!profile.merged()) {
                sink.accept(profile);
            }
        }
    }

    /** Inverse of {@link DynamoProfileStore#partitionKey}: {@code B#<brand>#C#<consumer>}. */
    static ConsumerKey keyOf(String partitionKey) {
        int consumer = partitionKey.indexOf("#C#");
        return new ConsumerKey(partitionKey.substring(2, consumer), partitionKey.substring(consumer + 3));
    }
}
