package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.domain.segment.SegmentRunCounts;
import io.tally.core.port.out.SegmentRunStorePort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.tally.aws.dynamodb.Items.n;
import static io.tally.aws.dynamodb.Items.s;

/**
 * Recompute parts at {@code pk = RUN#<runId>, sk = PART#<segment>} (kept 14 days by TTL) and per-brand results at
 * {@code pk = B#<brand>#SEGRUNS, sk = <runId>} (kept 30 days); run ids sort by planning time.
 */
@Singleton
public class DynamoSegmentRunStore implements SegmentRunStorePort {

    private static final long PART_TTL_SECONDS = 14L * 24 * 3600;
    private static final long RESULT_TTL_SECONDS = 30L * 24 * 3600;
    private static final String PART_PREFIX = "PART#";

    private final DynamoDbClient dynamo;
    private final Clock clock;
    private final String table;

    public DynamoSegmentRunStore(DynamoDbClient dynamo, Clock clock, ResourceNames names) {
        this.dynamo = dynamo;
        this.clock = clock;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    static String resultsKey(String brandId) {
        return "B#" + brandId + "#SEGRUNS";
    }

    @Override
    public void savePart(String runId, int segment, Map<String, Map<String, SegmentRunCounts>> part) {
        Map<String, AttributeValue> brands = new HashMap<>();
        part.forEach((brand, segments) -> brands.put(brand, segmentsToAttribute(segments)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s("RUN#" + runId));
        item.put(TallyCatalog.SK, s(PART_PREFIX + segment));
        item.put("segment", n(segment));
        item.put("brands", AttributeValue.fromM(brands));
        item.put(TallyCatalog.TTL, n(clock.instant().getEpochSecond() + PART_TTL_SECONDS));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Map<Integer, Map<String, Map<String, SegmentRunCounts>>> loadParts(String runId) {
        Map<Integer, Map<String, Map<String, SegmentRunCounts>>> parts = new TreeMap<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :run AND begins_with(#sk, :part)")
                        .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK, "#sk", TallyCatalog.SK))
                        .expressionAttributeValues(Map.of(":run", s("RUN#" + runId), ":part", s(PART_PREFIX))))
                .items().forEach(item -> {
                    Map<String, Map<String, SegmentRunCounts>> brands = new TreeMap<>();
                    item.get("brands").m().forEach((brand, segments) -> brands.put(brand,
                            segmentsFromAttribute(segments)));
                    parts.put((int) Items.number(item, "segment"), brands);
                });
        return parts;
    }

    @Override
    public void saveResult(RecomputeResult result) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s(resultsKey(result.brandId())));
        item.put(TallyCatalog.SK, s(result.runId()));
        item.put("asOf", Items.instant(result.asOf()));
        item.put("scanSegments", n(result.scanSegments()));
        item.put("segments", segmentsToAttribute(result.segments()));
        item.put(TallyCatalog.TTL, n(clock.instant().getEpochSecond() + RESULT_TTL_SECONDS));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<RecomputeResult> latest(String brandId) {
        List<Map<String, AttributeValue>> items = dynamo.query(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TallyCatalog.PK))
                .expressionAttributeValues(Map.of(":pk", s(resultsKey(brandId)))).scanIndexForward(false).limit(1))
                .items();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = items.get(0);
        return Optional.of(new RecomputeResult(Items.string(item, TallyCatalog.SK), brandId,
                Instant.parse(Items.string(item, "asOf")), (int) Items.number(item, "scanSegments"),
                segmentsFromAttribute(item.get("segments"))));
    }

    private static AttributeValue segmentsToAttribute(Map<String, SegmentRunCounts> segments) {
        Map<String, AttributeValue> out = new HashMap<>();
        segments.forEach((id, c) -> out.put(id, AttributeValue.fromM(Map.of("version", n(c.version()),
                "members", n(c.members()), "entered", n(c.entered()), "exited", n(c.exited())))));
        return AttributeValue.fromM(out);
    }

    private static Map<String, SegmentRunCounts> segmentsFromAttribute(AttributeValue value) {
        Map<String, SegmentRunCounts> segments = new TreeMap<>();
        if (value == null || !value.hasM()) {
            return segments;
        }
        value.m().forEach((id, counts) -> {
            Map<String, AttributeValue> c = counts.m();
            segments.put(id, new SegmentRunCounts(Items.number(c, "version"), Items.number(c, "members"),
                    Items.number(c, "entered"), Items.number(c, "exited")));
        });
        return segments;
    }
}
