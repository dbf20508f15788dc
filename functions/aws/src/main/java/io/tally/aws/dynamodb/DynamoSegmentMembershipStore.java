package io.tally.aws.dynamodb;

import io.tally.aws.config.ResourceNames;
import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.segment.InvalidCursorException;
import io.tally.core.domain.segment.Member;
import io.tally.core.domain.segment.MemberPage;
import io.tally.core.domain.segment.Membership;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.ProfileGuard;
import io.tally.core.port.out.MembershipConflictException;
import io.tally.core.port.out.StaleProfileException;
import io.tally.core.port.out.SegmentMembershipPort;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.tally.aws.dynamodb.Items.n;
import static io.tally.aws.dynamodb.Items.s;

/**
 * Segment memberships in the main table.
 *
 * <ul>
 *   <li>membership: {@code pk = B#<brand>#C#<consumer>} (the consumer's own partition, beside its profile),
 *       {@code sk = SEG#<segment>}, {@code version}, {@code enteredAt}; listed through {@code gsi1} at
 *       {@code gsi1pk = B#<brand>#SEG#<segment>#v<version>#<shard>}, {@code gsi1sk = <consumer>};</li>
 *   <li>member count: {@code pk = B#<brand>#SEGSIZE#<segment>}, {@code sk = v<version>#<shard>}, {@code members}
 *       (ADD), write-sharded over {@link #SHARDS} items per version.</li>
 * </ul>
 * The shard is the consumer id's {@link String#hashCode()} modulo {@link #SHARDS}. A consumer's changes are one
 * {@code TransactWriteItems} (per {@value #CHANGES_PER_TRANSACTION} changes): a condition check on the consumer's
 * profile item ({@link ProfileGuard}: still the version the changes were decided on, or no profile at all), each
 * membership under the condition that it is still what the change replaces, and the counters of the versions it
 * leaves and enters, so counts stay exact, a repeated change fails its condition instead of counting twice, and a
 * decision taken on an older profile never overwrites a newer one.
 */
@Singleton
public class DynamoSegmentMembershipStore implements SegmentMembershipPort {

    /** Shards of each segment version's member list (index partitions) and member count (items). */
    static final int SHARDS = 16;
    static final String MEMBERSHIP_PREFIX = "SEG#";
    /** A transaction holds at most 100 items: the profile guard, and at most 3 per change. */
    private static final int CHANGES_PER_TRANSACTION = 33;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSegmentMembershipStore(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.table(TallyCatalog.MAIN_TABLE);
    }

    static int shard(String consumerId) {
        return Math.floorMod(consumerId.hashCode(), SHARDS);
    }

    static String listKey(String brandId, String segmentId, long version, int shard) {
        return "B#" + brandId + "#SEG#" + segmentId + "#v" + version + "#" + shard;
    }

    static String counterKey(String brandId, String segmentId) {
        return "B#" + brandId + "#SEGSIZE#" + segmentId;
    }

    /** Reads a membership item; the consumer comes from the caller. */
    static Membership fromItem(Map<String, AttributeValue> item) {
        return new Membership(Items.string(item, TallyCatalog.SK).substring(MEMBERSHIP_PREFIX.length()),
                Items.number(item, "version"), Instant.parse(Items.string(item, "enteredAt")));
    }

    @Override
    public Map<String, Membership> load(ConsumerKey consumer) {
        Map<String, Membership> memberships = new TreeMap<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :seg)")
                        .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK, "#sk", TallyCatalog.SK))
                        .expressionAttributeValues(Map.of(":pk", s(DynamoProfileStore.partitionKey(consumer)),
                                ":seg", s(MEMBERSHIP_PREFIX))))
                .items().forEach(item -> {
                    Membership membership = fromItem(item);
                    memberships.put(membership.segmentId(), membership);
                });
        return memberships;
    }

    @Override
    public void apply(ConsumerKey consumer, ProfileGuard guard, List<MembershipChange> changes) {
        Optional<TransactWriteItem> check = guard(consumer, guard);
        for (int from = 0; from < changes.size(); from += CHANGES_PER_TRANSACTION) {
            List<TransactWriteItem> items = new ArrayList<>();
            check.ifPresent(items::add);
            for (MembershipChange change : changes.subList(from, Math.min(changes.size(),
                    from + CHANGES_PER_TRANSACTION))) {
                items.addAll(writes(consumer, change));
            }
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
            } catch (TransactionCanceledException e) {
                List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
                if (check.isPresent() && !codes.isEmpty() && "ConditionalCheckFailed".equals(codes.get(0))) {
                    throw new StaleProfileException(consumer);
                }
                if (codes.stream().anyMatch(Set.of("ConditionalCheckFailed", "TransactionConflict")::contains)) {
                    throw new MembershipConflictException("memberships of " + consumer
                            + " changed since they were read", e);
                }
                throw e;
            }
        }
    }

    /** The condition on the consumer's profile item that {@code guard} asks for, if any. */
    private Optional<TransactWriteItem> guard(ConsumerKey consumer, ProfileGuard guard) {
        return switch (guard.kind()) {
            case NONE -> Optional.empty();
            case ABSENT -> Optional.of(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                    .key(DynamoProfileStore.primaryKey(consumer)).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK))).build());
            case AT_VERSION -> Optional.of(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                    .key(DynamoProfileStore.primaryKey(consumer)).conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":v", n(guard.version())))).build());
        };
    }

    private List<TransactWriteItem> writes(ConsumerKey consumer, MembershipChange change) {
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, AttributeValue> key = Map.of(TallyCatalog.PK, s(DynamoProfileStore.partitionKey(consumer)),
                TallyCatalog.SK, s(MEMBERSHIP_PREFIX + change.segmentId()));
        Membership before = change.before();
        Membership after = change.after();
        if (after != null) {
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put(TallyCatalog.GSI1_PK, s(listKey(consumer.brandId(), change.segmentId(), after.version(),
                    shard(consumer.consumerId()))));
            item.put(TallyCatalog.GSI1_SK, s(consumer.consumerId()));
            item.put("version", n(after.version()));
            item.put("enteredAt", Items.instant(after.enteredAt()));
            items.add(TransactWriteItem.builder().put(p -> {
                p.tableName(table).item(item);
                if (before == null) {
                    p.conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK));
                } else {
                    p.conditionExpression("#version = :before").expressionAttributeNames(Map.of("#version", "version"))
                            .expressionAttributeValues(Map.of(":before", n(before.version())));
                }
            }).build());
            items.add(count(consumer, change.segmentId(), after.version(), 1));
        } else {
            items.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)
                    .conditionExpression("#version = :before").expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":before", n(before.version())))).build());
        }
        if (before != null) {
            items.add(count(consumer, change.segmentId(), before.version(), -1));
        }
        return items;
    }

    private TransactWriteItem count(ConsumerKey consumer, String segmentId, long version, int delta) {
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of(TallyCatalog.PK, s(counterKey(consumer.brandId(), segmentId)),
                        TallyCatalog.SK, s("v" + version + "#" + shard(consumer.consumerId()))))
                .updateExpression("ADD #members :delta").expressionAttributeNames(Map.of("#members", "members"))
                .expressionAttributeValues(Map.of(":delta", n(delta)))).build();
    }

    @Override
    public long size(String brandId, String segmentId, long version) {
        long[] total = {0};
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :version)")
                        .expressionAttributeNames(Map.of("#pk", TallyCatalog.PK, "#sk", TallyCatalog.SK))
                        .expressionAttributeValues(Map.of(":pk", s(counterKey(brandId, segmentId)),
                                ":version", s("v" + version + "#"))))
                .items().forEach(item -> total[0] += Items.number(item, "members"));
        return total[0];
    }

    @Override
    public MemberPage members(String brandId, String segmentId, long version, int limit, String cursor) {
        int shard = 0;
        String after = null;
        if (cursor != null) {
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = decoded.indexOf('|');
                shard = Integer.parseInt(decoded.substring(0, bar));
                after = bar + 1 < decoded.length() ? decoded.substring(bar + 1) : null;
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new InvalidCursorException("not a cursor of this listing", e);
            }
            if (shard < 0 || shard >= SHARDS) {
                throw new InvalidCursorException("not a cursor of this listing", null);
            }
        }
        List<Member> members = new ArrayList<>();
        while (shard < SHARDS) {
            String indexKey = listKey(brandId, segmentId, version, shard);
            Map<String, AttributeValue> start = after == null ? null : Map.of(
                    TallyCatalog.GSI1_PK, s(indexKey), TallyCatalog.GSI1_SK, s(after),
                    TallyCatalog.PK, s(DynamoProfileStore.partitionKey(new ConsumerKey(brandId, after))),
                    TallyCatalog.SK, s(MEMBERSHIP_PREFIX + segmentId));
            int remaining = limit - members.size();
            QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(TallyCatalog.GSI1)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TallyCatalog.GSI1_PK))
                    .expressionAttributeValues(Map.of(":pk", s(indexKey))).limit(remaining).exclusiveStartKey(start));
            page.items().forEach(item -> members.add(new Member(Items.string(item, TallyCatalog.GSI1_SK),
                    Instant.parse(Items.string(item, "enteredAt")))));
            boolean more = page.lastEvaluatedKey() != null && !page.lastEvaluatedKey().isEmpty();
            if (more) {
                after = page.lastEvaluatedKey().get(TallyCatalog.GSI1_SK).s();
            } else {
                shard++;
                after = null;
            }
            if (members.size() >= limit) {
                return new MemberPage(members, shard < SHARDS ? cursor(shard, after) : null);
            }
        }
        return new MemberPage(members, null);
    }

    private static String cursor(int shard, String after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((shard + "|" + (after == null ? "" : after))
                .getBytes(StandardCharsets.UTF_8));
    }
}
