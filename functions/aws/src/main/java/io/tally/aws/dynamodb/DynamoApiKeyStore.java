package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.access.ApiKey;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.port.out.ApiKeyStorePort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tally.aws.dynamodb.Items.instant;
import static io.tally.aws.dynamodb.Items.s;

/**
 * API keys in the main table by digest: {@code pk = KEY#<sha256>}, {@code sk = KEY}; listed per brand through
 * {@code gsi1pk = B#<brand>#KEYS}, {@code gsi1sk = <keyId>}. The raw key is never stored; the digest is
 * repeated as an attribute so a listing can address each key for rotation and revocation. Issuing a key also
 * registers its brand ({@code pk = BRANDS}, {@code sk = <brand>}), so scheduled jobs know every brand.
 */
@Singleton
public class DynamoApiKeyStore implements ApiKeyStorePort {

    private static final String KEY_SK = "KEY";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoApiKeyStore(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(TallyCatalog.PK, s("KEY#" + keyHash), TallyCatalog.SK, s(KEY_SK)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<ApiKey> listByBrand(String brandId) {
        List<ApiKey> keys = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).indexName(TallyCatalog.GSI1)
                        .keyConditionExpression("#pk = :brand")
                        .expressionAttributeNames(Map.of("#pk", TallyCatalog.GSI1_PK))
                        .expressionAttributeValues(Map.of(":brand", s(brandKeysPartition(brandId)))))
                .items().forEach(item -> keys.add(fromItem(item)));
        return keys;
    }

    @Override
    public void update(ApiKey key) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(toItem(key)).conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK)));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("no key " + key.keyId() + " to update", e);
        }
    }

    private static String brandKeysPartition(String brandId) {
        return "B#" + brandId + "#KEYS";
    }

    private static ApiKey fromItem(Map<String, AttributeValue> item) {
        return new ApiKey(Items.string(item, "keyId"), Items.string(item, "keyHash"), Items.string(item, "brandId"),
                Items.string(item, "channelId"), KeyRole.valueOf(Items.string(item, "role")),
                Items.optionalInstant(item, "createdAt"), Items.optionalInstant(item, "revokedAt"));
    }

    private static Map<String, AttributeValue> toItem(ApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s("KEY#" + key.keyHash()));
        item.put(TallyCatalog.SK, s(KEY_SK));
        item.put(TallyCatalog.GSI1_PK, s(brandKeysPartition(key.brandId())));
        item.put(TallyCatalog.GSI1_SK, s(key.keyId()));
        item.put("keyId", s(key.keyId()));
        item.put("keyHash", s(key.keyHash()));
        item.put("brandId", s(key.brandId()));
        item.put("channelId", s(key.channelId()));
        item.put("role", s(key.role().name()));
        item.put("createdAt", instant(key.createdAt()));
        if (key.revokedAt() != null) {
            item.put("revokedAt", instant(key.revokedAt()));
        }
        return item;
    }

    @Override
    public void insert(ApiKey key) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(toItem(key)).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK)));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("a key with this digest exists already", e);
        }
        dynamo.putItem(r -> r.tableName(table).item(DynamoLifecycleStore.brandItem(key.brandId())));
    }
}
