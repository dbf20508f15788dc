package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.aws.json.EventCodec;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.segment.ConcurrentSegmentChangeException;
import io.tally.core.domain.segment.SegmentDefinition;
import io.tally.core.domain.segment.StoredSegment;
import io.tally.core.port.out.SegmentDefinitionStorePort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tally.aws.dynamodb.Items.n;
import static io.tally.aws.dynamodb.Items.s;

/**
 * Segment definitions in the main table: {@code pk = B#<brand>#SEGMENTS, sk = <segment id>}, the rule as JSON text,
 * written under a version condition. A deleted segment stays as a tombstone ({@code deletedAt}) that expires after
 * {@link #TOMBSTONE_TTL_SECONDS}.
 */
@Singleton
public class DynamoSegmentDefinitionStore implements SegmentDefinitionStorePort {

    /** How long a deleted segment's tombstone keeps its version: longer than any recompute takes to clear it. */
    static final long TOMBSTONE_TTL_SECONDS = 30L * 24 * 3600;

    private final DynamoDbClient dynamo;
    private final EventCodec codec;
    private final String table;

    public DynamoSegmentDefinitionStore(DynamoDbClient dynamo, EventCodec codec, ResourceNames names) {
        this.dynamo = dynamo;
        this.codec = codec;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    static String partitionKey(String brandId) {
        return "B#" + brandId + "#SEGMENTS";
    }

    @Override
    public Optional<StoredSegment> load(String brandId, String segmentId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(TallyCatalog.PK, s(partitionKey(brandId)), TallyCatalog.SK, s(segmentId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(brandId, item));
    }

    @Override
    public List<StoredSegment> list(String brandId) {
        List<StoredSegment> segments = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK))
                        .expressionAttributeValues(Map.of(":pk", s(partitionKey(brandId)))))
                .items().forEach(item -> {
                    StoredSegment segment = fromItem(brandId, item);
                    if (!segment.deleted()) {
                        segments.add(segment);
                    }
                });
        return segments;
    }

    @Override
    public void save(StoredSegment segment, long expectedVersion) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s(partitionKey(segment.brandId())));
        item.put(TallyCatalog.SK, s(segment.id()));
        item.put("name", s(segment.definition().name()));
        if (segment.definition().description() != null) {
            item.put("description", s(segment.definition().description()));
        }
        item.put("rule", s(new String(codec.write(segment.definition().rule()), StandardCharsets.UTF_8)));
        item.put("version", n(segment.version()));
        item.put("createdAt", Items.instant(segment.createdAt()));
        item.put("updatedAt", Items.instant(segment.updatedAt()));
        if (segment.deleted()) {
            item.put("deletedAt", Items.instant(segment.deletedAt()));
            item.put(TallyCatalog.TTL, n(segment.deletedAt().getEpochSecond() + TOMBSTONE_TTL_SECONDS));
        }
        try {
            dynamo.putItem(r -> {
                r.tableName(table).item(item);
                if (expectedVersion == 0) {
                    r.conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK));
                } else {
                    r.conditionExpression("#version = :expected")
                            .expressionAttributeNames(Map.of("#version", "version"))
                            .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
                }
            });
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentSegmentChangeException("segment '" + segment.id()
                    + "' changed concurrently; read it again and retry");
        }
    }

    private StoredSegment fromItem(String brandId, Map<String, AttributeValue> item) {
        Map<String, Object> rule = codec.parseObject(Items.string(item, "rule").getBytes(StandardCharsets.UTF_8));
        SegmentDefinition definition = new SegmentDefinition(Items.string(item, TallyCatalog.SK),
                Items.string(item, "name"), Items.optionalString(item, "description").orElse(null), rule);
        return new StoredSegment(brandId, definition, Items.number(item, "version"),
                Instant.parse(Items.string(item, "createdAt")), Instant.parse(Items.string(item, "updatedAt")),
                Items.optionalInstant(item, "deletedAt"));
    }
}
