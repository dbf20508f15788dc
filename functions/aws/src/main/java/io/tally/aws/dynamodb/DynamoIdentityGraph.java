package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.port.out.IdentityGraphPort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tally.aws.dynamodb.Items.n;
import static io.tally.aws.dynamodb.Items.s;

/**
 * Identity links in the main table: {@code pk = B#<brand>#I#<type>:<value>}, {@code sk = LINK}, attribute
 * {@code consumerId}; a blocked (erased) identifier has {@code blockedUntil} instead, and a TTL so it disappears
 * after the block. Lookups are one BatchGetItem per 100 identifiers; links are created with
 * {@code attribute_not_exists}, so the first writer owns the identifier. A block ends when its {@code expiresAt}
 * (the block's end, rounded down to the second) is before the current second: the identifier can then be linked
 * again, whether or not DynamoDB's TTL has deleted the item yet.
 */
@Singleton
public class DynamoIdentityGraph implements IdentityGraphPort {

    static final String LINK_SK = "LINK";
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoIdentityGraph(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    static String partitionKey(String brandId, Identifier identifier) {
        return "B#" + brandId + "#I#" + identifier.key();
    }

    static Map<String, AttributeValue> linkItem(String brandId, Identifier identifier, String consumerId) {
        return Map.of(TallyCatalog.PK, s(partitionKey(brandId, identifier)), TallyCatalog.SK, s(LINK_SK),
                "consumerId", s(consumerId));
    }

    @Override
    public Map<Identifier, Link> find(String brandId, Collection<Identifier> identifiers) {
        Map<String, Identifier> byKey = new LinkedHashMap<>();
        identifiers.forEach(id -> byKey.put(partitionKey(brandId, id), id));
        Map<Identifier, Link> links = new HashMap<>();
        List<String> keys = new ArrayList<>(byKey.keySet());
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> batch = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))
                    .stream().map(pk -> Map.of(TallyCatalog.PK, s(pk), TallyCatalog.SK, s(LINK_SK))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(batch).consistentRead(true).build());
            BatchRounds.drain(request, pending -> {
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(pending));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    Identifier id = byKey.get(Items.string(item, TallyCatalog.PK));
                    links.put(id, new Link(Items.optionalString(item, "consumerId").orElse(null),
                            Items.optionalString(item, "blockedUntil").map(Instant::parse).orElse(null)));
                }
                return response.unprocessedKeys();
            }, "identity links");
        }
        return links;
    }

    @Override
    public boolean linkIfAbsent(String brandId, Identifier identifier, String consumerId, Instant now) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(linkItem(brandId, identifier, consumerId))
                    .conditionExpression("attribute_not_exists(#pk) OR #expires < :now")
                    .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK, "#expires", TallyCatalog.TTL))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void block(String brandId, Identifier identifier, Instant until) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of(TallyCatalog.PK, s(partitionKey(brandId, identifier)),
                TallyCatalog.SK, s(LINK_SK), "blockedUntil", s(until.toString()),
                TallyCatalog.TTL, n(until.getEpochSecond()))));
    }
}
