package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.RecentMessages;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.StaleProfileException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static io.tally.aws.dynamodb.Items.b;
import static io.tally.aws.dynamodb.Items.instant;
import static io.tally.aws.dynamodb.Items.n;
import static io.tally.aws.dynamodb.Items.s;
import static io.tally.aws.dynamodb.Items.ss;

/**
 * Profiles in the main table: {@code pk = B#<brand>#C#<consumer>}, {@code sk = PROFILE}. Each save is one
 * conditional PutItem on {@code version}, so concurrent processors never lose an update.
 */
@Singleton
public class DynamoProfileStore implements ProfileStorePort {

    static final String PROFILE_SK = "PROFILE";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoProfileStore(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    static String partitionKey(ConsumerKey key) {
        return "B#" + key.brandId() + "#C#" + key.consumerId();
    }

    @Override
    public Optional<ConsumerProfile> load(ConsumerKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(TallyCatalog.PK, s(partitionKey(key)), TallyCatalog.SK, s(PROFILE_SK)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(key, item));
    }

    @Override
    public void save(ConsumerProfile profile) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(toItem(profile));
        if (profile.version() == 1) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TallyCatalog.PK));
        } else {
            put.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":expected", n(profile.version() - 1)));
        }
        try {
            dynamo.putItem(put.build());
        } catch (ConditionalCheckFailedException e) {
            throw new StaleProfileException(profile.key());
        }
    }

    private static Map<String, AttributeValue> toItem(ConsumerProfile profile) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TallyCatalog.PK, s(partitionKey(profile.key())));
        item.put(TallyCatalog.SK, s(PROFILE_SK));
        item.put("eventCount", n(profile.eventCount()));
        item.put("version", n(profile.version()));
        if (profile.firstSeen() != null) {
            item.put("firstSeen", instant(profile.firstSeen()));
            item.put("lastSeen", instant(profile.lastSeen()));
        }
        if (!profile.channels().isEmpty()) {
            item.put("channels", ss(profile.channels()));
        }
        if (!profile.identifiers().isEmpty()) {
            item.put("identifiers", ss(profile.identifiers()));
        }
        if (profile.recentMessages().size() > 0) {
            item.put("recent", b(profile.recentMessages().toBytes()));
        }
        return item;
    }

    static ConsumerProfile fromItem(ConsumerKey key, Map<String, AttributeValue> item) {
        return new ConsumerProfile(key, Items.number(item, "eventCount"), Items.optionalInstant(item, "firstSeen"),
                Items.optionalInstant(item, "lastSeen"), new TreeSet<>(Items.stringSet(item, "channels")),
                new TreeSet<>(Items.stringSet(item, "identifiers")),
                RecentMessages.fromBytes(Items.bytes(item, "recent")), Items.number(item, "version"));
    }
}
