package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.DayLog;
import io.tally.core.port.out.LifecycleStorePort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.tally.aws.dynamodb.Items.s;

/**
 * Lifecycle indexes and roll-ups in the main table. Reads the sparse indexes {@code review} (consumers due on a
 * day) and {@code dayEven}/{@code dayOdd} (day logs), one Query per shard. Roll-ups are items of partition
 * {@code B#<brand>#LIFECYCLE}: {@code sk = FLOWS#<processing day>} with the day's flows, and
 * {@code sk = COMMERCE#<order day>#<processing day>} with the commerce of the orders of one day processed that
 * day, so the metrics of an order day are one Query whatever day its orders arrived.
 */
@Singleton
public class DynamoLifecycleStore implements LifecycleStorePort {

    private static final String BRANDS = "BRANDS";
    private static final int BATCH_WRITE_LIMIT = 25;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLifecycleStore(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    static Map<String, AttributeValue> brandItem(String brandId) {
        return Map.of(TallyCatalog.PK, s(BRANDS), TallyCatalog.SK, s(brandId));
    }

    private static String rollupPartition(String brandId) {
        return "B#" + brandId + "#LIFECYCLE";
    }

    @Override
    public List<String> brands() {
        List<String> brands = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK))
                        .expressionAttributeValues(Map.of(":pk", s(BRANDS))))
                .items().forEach(item -> brands.add(Items.string(item, TallyCatalog.SK)));
        return brands;
    }

    @Override
    public List<ConsumerKey> dueForReview(String brandId, LocalDate day) {
        List<ConsumerKey> due = new ArrayList<>();
        String prefix = "B#" + brandId + "#C#";
        for (int shard = 0; shard < LifecycleItems.SHARDS; shard++) {
            String key = LifecycleItems.reviewKey(brandId, day, shard);
            dynamo.queryPaginator(r -> r.tableName(table).indexName(TallyCatalog.REVIEW_INDEX)
                            .keyConditionExpression("#k = :k")
                            .expressionAttributeNames(Map.of("#k", TallyCatalog.REVIEW_KEY))
                            .expressionAttributeValues(Map.of(":k", s(key))))
                    .items().forEach(item -> {
                        String pk = Items.string(item, TallyCatalog.PK);
                        if (pk.startsWith(prefix)) {
                            due.add(new ConsumerKey(brandId, pk.substring(prefix.length())));
                        }
                    });
        }
        return due;
    }

    @Override
    public Map<ConsumerKey, DayLog> dayLogs(String brandId, LocalDate day) {
        String[] index = LifecycleItems.dayIndex(day);
        String prefix = "B#" + brandId + "#C#";
        Map<ConsumerKey, DayLog> logs = new java.util.LinkedHashMap<>();
        for (int shard = 0; shard < LifecycleItems.SHARDS; shard++) {
            String key = LifecycleItems.dayKey(brandId, day, shard);
            for (Map<String, AttributeValue> item : dynamo.queryPaginator(r -> r.tableName(table).indexName(index[0])
                    .keyConditionExpression("#k = :k").expressionAttributeNames(Map.of("#k", index[1]))
                    .expressionAttributeValues(Map.of(":k", s(key)))).items()) {
                DayLog log = LifecycleItems.log(item, index[1], index[2]);
                String pk = Items.string(item, TallyCatalog.PK);
                if (log != null && log.day().equals(day) && pk.startsWith(prefix)) {
                    logs.put(new ConsumerKey(brandId, pk.substring(prefix.length())), log);
                }
            }
        }
        return logs;
    }

    @Override
    public void saveRollup(String brandId, DayLog total) {
        List<WriteRequest> writes = new ArrayList<>();
        writes.add(put(Map.of(TallyCatalog.PK, s(rollupPartition(brandId)), TallyCatalog.SK,
                s("FLOWS#" + total.day()), "log", s(new DayLog(total.day(), total.flows(), Map.of()).encode()))));
        Map<LocalDate, Map<DayLog.CommerceKey, DailyMetrics>> byOrderDay = new TreeMap<>();
        total.commerce().forEach((key, metrics) ->
                byOrderDay.computeIfAbsent(key.day(), d -> new TreeMap<>(java.util.Comparator
                        .comparing(DayLog.CommerceKey::channel))).put(key, metrics));
        byOrderDay.forEach((orderDay, commerce) -> writes.add(put(Map.of(TallyCatalog.PK,
                s(rollupPartition(brandId)), TallyCatalog.SK, s("COMMERCE#" + orderDay + "#" + total.day()),
                "log", s(new DayLog(total.day(), Map.of(), commerce).encode())))));
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            Map<String, List<WriteRequest>> pending = Map.of(table,
                    writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
            BatchRounds.drain(pending, request -> dynamo.batchWriteItem(r -> r.requestItems(request))
                    .unprocessedItems(), "roll-up of " + brandId + " on " + total.day());
        }
    }

    @Override
    public Optional<DayLog> rollup(String brandId, LocalDate day) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(TallyCatalog.PK, s(rollupPartition(brandId)), TallyCatalog.SK, s("FLOWS#" + day))))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(DayLog.decode(day, Items.optionalString(item, "log").orElse("")));
    }

    @Override
    public Map<String, DailyMetrics> commerce(String brandId, LocalDate day) {
        Map<String, DailyMetrics> byChannel = new TreeMap<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#pk = :pk AND begins_with(#sk, :p)")
                        .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK, "#sk", TallyCatalog.SK))
                        .expressionAttributeValues(Map.of(":pk", s(rollupPartition(brandId)),
                                ":p", s("COMMERCE#" + day + "#"))))
                .items().forEach(item -> {
                    String sk = Items.string(item, TallyCatalog.SK);
                    LocalDate processed = LocalDate.parse(sk.substring(sk.lastIndexOf('#') + 1));
                    DayLog.decode(processed, Items.optionalString(item, "log").orElse("")).commerce()
                            .forEach((key, metrics) -> byChannel.merge(key.channel(), metrics, DailyMetrics::plus));
                });
        return byChannel;
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
