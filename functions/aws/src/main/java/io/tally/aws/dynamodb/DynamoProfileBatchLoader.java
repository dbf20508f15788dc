package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.port.out.ProfileBatchLoadPort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tally.aws.dynamodb.Items.s;

/** Profiles by {@code BatchGetItem}, 100 keys per call, unprocessed keys retried with back-off. */
@Singleton
public class DynamoProfileBatchLoader implements ProfileBatchLoadPort {

    private static final int KEYS_PER_CALL = 100;

    private final DynamoDbClient dynamo;
    private final DynamoProfileStore profiles;
    private final String table;

    public DynamoProfileBatchLoader(DynamoDbClient dynamo, DynamoProfileStore profiles, ResourceNames names) {
        this.dynamo = dynamo;
        this.profiles = profiles;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    @Override
    public Map<ConsumerKey, ConsumerProfile> loadAll(Collection<ConsumerKey> keys) {
        Map<ConsumerKey, ConsumerProfile> found = new HashMap<>();
        List<ConsumerKey> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_CALL) {
            List<Map<String, AttributeValue>> batch = all.subList(from, Math.min(all.size(), from + KEYS_PER_CALL))
                    .stream().map(DynamoProfileStore::primaryKey).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(batch).build());
            BatchRounds.drain(request, pending -> {
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    ConsumerKey key = DynamoProfileScanner.keyOf(Items.string(item, TallyCatalog.PK));
                    found.put(key, profiles.fromItem(key, item));
                });
                return response.unprocessedKeys();
            }, "profiles");
        }
        return found;
    }

}
