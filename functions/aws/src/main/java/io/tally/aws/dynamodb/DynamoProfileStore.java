package io.tally.aws.dynamodb;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.EventTimes;
import io.tally.core.domain.consumer.RecentMessages;
import io.tally.core.domain.consumer.TimedValue;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.StaleProfileException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.tally.aws.dynamodb.Items.b;
import static io.tally.aws.dynamodb.Items.instant;
import static io.tally.aws.dynamodb.Items.n;
import static io.tally.aws.dynamodb.Items.s;
import static io.tally.aws.dynamodb.Items.ss;

/**
 * Profiles in the main table: {@code pk = B#<brand>#C#<consumer>}, {@code sk = PROFILE}. Each save is one
 * conditional PutItem on {@code version}; a merge is one TransactWriteItems (survivor, redirects, moved links),
 * so concurrent processors never lose an update and a merge is never half done.
 */
@Singleton
public class DynamoProfileStore implements ProfileStorePort {

    static final String PROFILE_SK = "PROFILE";
    /** Deletes tried while a membership transaction holds the profile item (it takes milliseconds). */
    private static final int DELETE_ATTEMPTS = 5;
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final DynamoDbClient dynamo;
    private final JsonMapper json;
    private final String table;

    public DynamoProfileStore(DynamoDbClient dynamo, JsonMapper json, ResourceNames names) {
        this.dynamo = dynamo;
        this.json = json;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    static String partitionKey(ConsumerKey key) {
        return "B#" + key.brandId() + "#C#" + key.consumerId();
    }

    static Map<String, AttributeValue> primaryKey(ConsumerKey key) {
        return Map.of(TallyCatalog.PK, s(partitionKey(key)), TallyCatalog.SK, s(PROFILE_SK));
    }

    @Override
    public Optional<ConsumerProfile> load(ConsumerKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(primaryKey(key))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(key, item));
    }

    @Override
    public void save(ConsumerProfile profile) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(toItem(profile))
                    .conditionExpression(versionCondition(profile)).expressionAttributeNames(versionNames(profile))
                    .expressionAttributeValues(versionValues(profile)).build());
        } catch (ConditionalCheckFailedException | TransactionConflictException e) {
            // a conflict: a membership transaction is checking this profile's version right now
            throw new StaleProfileException(profile.key());
        }
    }

    @Override
    public void saveMerge(ConsumerProfile survivor, Collection<ConsumerProfile> redirects,
                          Map<Identifier, String> relinks) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(versionedPut(survivor));
        redirects.forEach(redirect -> writes.add(versionedPut(redirect)));
        relinks.forEach((identifier, from) -> writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(DynamoIdentityGraph.linkItem(survivor.key().brandId(), identifier, survivor.key().consumerId()))
                .conditionExpression("#c = :from").expressionAttributeNames(Map.of("#c", "consumerId"))
                .expressionAttributeValues(Map.of(":from", s(from))).build()).build()));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw new StaleProfileException(survivor.key());
        }
    }

    @Override
    public void delete(ConsumerKey key) {
        for (int attempt = 0; ; attempt++) {
            BatchRounds.backOff(attempt, "the erasure of " + key.consumerId());
            try {
                dynamo.deleteItem(r -> r.tableName(table).key(primaryKey(key)));
                return;
            } catch (TransactionConflictException e) {
                if (attempt + 1 >= DELETE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private TransactWriteItem versionedPut(ConsumerProfile profile) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(profile))
                .conditionExpression(versionCondition(profile)).expressionAttributeNames(versionNames(profile))
                .expressionAttributeValues(versionValues(profile)).build()).build();
    }

    private static String versionCondition(ConsumerProfile profile) {
        return profile.version() == 1 ? "attribute_not_exists(#pk)" : "#v = :expected";
    }

    private static Map<String, String> versionNames(ConsumerProfile profile) {
        return profile.version() == 1 ? Map.of("#pk", TallyCatalog.PK) : Map.of("#v", "version");
    }

    private static Map<String, AttributeValue> versionValues(ConsumerProfile profile) {
        return profile.version() == 1 ? null : Map.of(":expected", n(profile.version() - 1));
    }

    private Map<String, AttributeValue> toItem(ConsumerProfile profile) {
        Map<String, AttributeValue> item = new HashMap<>(primaryKey(profile.key()));
        item.put("version", n(profile.version()));
        if (profile.merged()) {
            item.put("mergedInto", s(profile.mergedInto()));
            return item;
        }
        item.put("eventCount", n(profile.eventCount()));
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
        if (!profile.mergedFrom().isEmpty()) {
            item.put("mergedFrom", ss(profile.mergedFrom()));
        }
        if (!profile.traits().isEmpty()) {
            item.put("traits", s(timedJson(profile.traits())));
        }
        if (!profile.consent().isEmpty()) {
            item.put("consent", s(timedJson(profile.consent())));
        }
        if (profile.recentMessages().size() > 0) {
            item.put("recent", b(profile.recentMessages().toBytes()));
        }
        LifecycleItems.write(profile.key(), profile.lifecycle(), item);
        if (!profile.eventTimes().isEmpty()) {
            item.put("eventTimes", b(profile.eventTimes().toBytes()));
        }
        return item;
    }

    ConsumerProfile fromItem(ConsumerKey key, Map<String, AttributeValue> item) {
        return new ConsumerProfile(key, Items.number(item, "eventCount"), Items.optionalInstant(item, "firstSeen"),
                Items.optionalInstant(item, "lastSeen"), new TreeSet<>(Items.stringSet(item, "channels")),
                new TreeSet<>(Items.stringSet(item, "identifiers")), timed(item, "traits"), timed(item, "consent"),
                RecentMessages.fromBytes(Items.bytes(item, "recent")), Items.optionalString(item, "mergedInto").orElse(null),
                new TreeSet<>(Items.stringSet(item, "mergedFrom")), LifecycleItems.read(item),
                EventTimes.fromBytes(Items.bytes(item, "eventTimes")), Items.number(item, "version"));
    }

    /** {@code {"name": [value, "at"]}}: compact, and values keep their JSON type. */
    private String timedJson(Map<String, TimedValue> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, timed) -> out.put(name, java.util.Arrays.asList(timed.value(), timed.at().toString())));
        try {
            return new String(json.writeValueAsBytes(out), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TreeMap<String, TimedValue> timed(Map<String, AttributeValue> item, String attribute) {
        TreeMap<String, TimedValue> values = new TreeMap<>();
        Optional<String> text = Items.optionalString(item, attribute);
        if (text.isEmpty()) {
            return values;
        }
        try {
            json.readValue(text.get(), JSON_OBJECT).forEach((name, pair) -> {
                List<?> valueAndTime = (List<?>) pair;
                values.put(name, new TimedValue(valueAndTime.get(0), Instant.parse((String) valueAndTime.get(1))));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + attribute + " of " + item.get(TallyCatalog.PK), e);
        }
        return values;
    }
}
