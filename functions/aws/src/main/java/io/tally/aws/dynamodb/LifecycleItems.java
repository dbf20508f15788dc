package io.tally.aws.dynamodb;

import io.tally.catalog.TallyCatalog;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.lifecycle.DayLog;
import io.tally.core.domain.lifecycle.LifecycleFacts;
import io.tally.core.domain.lifecycle.LifecycleState;
import io.tally.core.domain.lifecycle.StageAssignment;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static io.tally.aws.dynamodb.Items.b;
import static io.tally.aws.dynamodb.Items.s;

/**
 * The lifecycle attributes of a profile item and the keys of its sparse lifecycle indexes: {@code lc} (facts,
 * binary), {@code stages} ({@code model=code@expiresAt;…}, {@code -} for none), {@code reviewOn} with
 * {@code reviewKey = B#<brand>#REVIEW#<day>#<shard>}, and the two day logs {@code dayLogE}/{@code dayLogO} with
 * {@code dayKeyE}/{@code dayKeyO = B#<brand>#DAY#<day>#<shard>}. Index partitions are split into {@link #SHARDS}
 * by consumer id, so a busy day spreads over several partitions.
 */
public final class LifecycleItems {

    /** Partitions per day of each lifecycle index. */
    public static final int SHARDS = 16;

    private LifecycleItems() {
    }

    public static int shard(String consumerId) {
        return Math.floorMod(consumerId.hashCode(), SHARDS);
    }

    public static String reviewKey(String brandId, LocalDate day, int shard) {
        return "B#" + brandId + "#REVIEW#" + day + "#" + shard;
    }

    public static String dayKey(String brandId, LocalDate day, int shard) {
        return "B#" + brandId + "#DAY#" + day + "#" + shard;
    }

    /** The day-log index and its attributes for {@code day}'s parity: index name, key attribute, log attribute. */
    public static String[] dayIndex(LocalDate day) {
        return day.toEpochDay() % 2 == 0
                ? new String[]{TallyCatalog.DAY_EVEN_INDEX, TallyCatalog.DAY_EVEN_KEY, TallyCatalog.DAY_EVEN_LOG}
                : new String[]{TallyCatalog.DAY_ODD_INDEX, TallyCatalog.DAY_ODD_KEY, TallyCatalog.DAY_ODD_LOG};
    }

    static void write(ConsumerKey key, LifecycleState state, Map<String, AttributeValue> item) {
        if (!state.facts().equals(LifecycleFacts.empty())) {
            item.put("lc", b(state.facts().toBytes()));
        }
        if (!state.stages().isEmpty()) {
            StringBuilder text = new StringBuilder();
            state.stages().forEach((model, assignment) -> text.append(text.isEmpty() ? "" : ";").append(model)
                    .append('=').append(assignment.stageCode() == null ? "-" : assignment.stageCode()).append('@')
                    .append(assignment.expiresAt() == null ? "-" : assignment.expiresAt().toString()));
            item.put("stages", s(text.toString()));
        }
        int shard = shard(key.consumerId());
        if (state.reviewOn() != null) {
            item.put("reviewOn", s(state.reviewOn().toString()));
            item.put(TallyCatalog.REVIEW_KEY, s(reviewKey(key.brandId(), state.reviewOn(), shard)));
        }
        for (DayLog log : new DayLog[]{state.evenLog(), state.oddLog()}) {
            if (log != null && !log.isEmpty()) {
                String[] index = dayIndex(log.day());
                item.put(index[1], s(dayKey(key.brandId(), log.day(), shard)));
                item.put(index[2], s(log.encode()));
            }
        }
    }

    static LifecycleState read(Map<String, AttributeValue> item) {
        LifecycleFacts facts = item.containsKey("lc")
                ? LifecycleFacts.fromBytes(item.get("lc").b().asByteArray()) : LifecycleFacts.empty();
        TreeMap<String, StageAssignment> stages = new TreeMap<>();
        Items.optionalString(item, "stages").ifPresent(text -> {
            for (String entry : text.split(";")) {
                int eq = entry.indexOf('=');
                int at = entry.indexOf('@', eq);
                String code = entry.substring(eq + 1, at);
                String expires = entry.substring(at + 1);
                stages.put(entry.substring(0, eq), new StageAssignment("-".equals(code) ? null : code,
                        "-".equals(expires) ? null : Instant.parse(expires)));
            }
        });
        LocalDate reviewOn = Items.optionalString(item, "reviewOn").map(LocalDate::parse).orElse(null);
        return new LifecycleState(facts, stages, reviewOn, log(item, TallyCatalog.DAY_EVEN_KEY,
                TallyCatalog.DAY_EVEN_LOG), log(item, TallyCatalog.DAY_ODD_KEY, TallyCatalog.DAY_ODD_LOG));
    }

    /** The day log held in {@code keyAttribute}/{@code logAttribute} of an item (a profile or an index entry). */
    public static DayLog log(Map<String, AttributeValue> item, String keyAttribute, String logAttribute) {
        return Items.optionalString(item, keyAttribute).map(key -> {
            String[] parts = key.split("#");
            return DayLog.decode(LocalDate.parse(parts[parts.length - 2]),
                    Items.optionalString(item, logAttribute).orElse(""));
        }).orElse(null);
    }
}
