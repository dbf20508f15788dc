package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.port.out.SegmentScanPort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tally.aws.dynamodb.Items.s;

/**
 * Parallel-scan reads for segments: profiles and membership items of one scan segment (a consumer's memberships live
 * in its own partition, so they fall in the same scan segment as its profile), and bounded samples of one brand's
 * profiles for previews.
 */
@Singleton
public class DynamoSegmentScanner implements SegmentScanPort {

    private final DynamoDbClient dynamo;
    private final DynamoProfileStore profiles;
    private final String table;

    public DynamoSegmentScanner(DynamoDbClient dynamo, DynamoProfileStore profiles, ResourceNames names) {
        this.dynamo = dynamo;
        this.profiles = profiles;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    @Override
    public void scan(int segment, int totalSegments, String brandId, ScanSink sink) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", TallyCatalog.PK, "#sk", TallyCatalog.SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":profile", s(DynamoProfileStore.PROFILE_SK),
                ":seg", s(DynamoSegmentMembershipStore.MEMBERSHIP_PREFIX), ":consumers", s(consumerPrefix(brandId))));
        ScanRequest request = ScanRequest.builder().tableName(table).segment(segment).totalSegments(totalSegments)
                .filterExpression("begins_with(#pk, :consumers) AND (#sk = :profile OR begins_with(#sk, :seg))")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(request).items()) {
            ConsumerKey key = DynamoProfileScanner.keyOf(Items.string(item, TallyCatalog.PK));
            if (DynamoProfileStore.PROFILE_SK.equals(Items.string(item, TallyCatalog.SK))) {
                sink.profile(profiles.fromItem(key, item));
            } else {
                sink.membership(key, DynamoSegmentMembershipStore.fromItem(item));
            }
        }
    }

    @Override
    public SampleRead sample(String brandId, int segment, int totalSegments, int maxProfiles, int maxPages) {
        List<ConsumerProfile> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        boolean exhausted = false;
        while (pages < maxPages && found.size() < maxProfiles) {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(r -> r.tableName(table).segment(segment).totalSegments(totalSegments)
                    .filterExpression("begins_with(#pk, :consumers) AND #sk = :profile")
                    .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK, "#sk", TallyCatalog.SK))
                    .expressionAttributeValues(Map.of(":consumers", s(consumerPrefix(brandId)),
                            ":profile", s(DynamoProfileStore.PROFILE_SK)))
                    .exclusiveStartKey(from));
            pages++;
            for (Map<String, AttributeValue> item : page.items()) {
                ConsumerProfile profile = profiles.fromItem(DynamoProfileScanner.keyOf(
                        Items.string(item, TallyCatalog.PK)), item);
                if (!profile.merged() && found.size() < maxProfiles) {
                    found.add(profile);
                }
            }
            start = page.lastEvaluatedKey();
            if (start == null || start.isEmpty()) {
                exhausted = true;
                break;
            }
        }
        return new SampleRead(found, exhausted, pages);
    }

    /** {@code B#<brand>#C#} for one brand, {@code B#} for every brand. */
    private static String consumerPrefix(String brandId) {
        return brandId == null ? "B#" : "B#" + brandId + "#C#";
    }
}
