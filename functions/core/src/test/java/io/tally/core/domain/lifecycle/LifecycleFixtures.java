package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-data helpers: a fixed start instant, day offsets and mutable copies of configuration trees. */
final class LifecycleFixtures {

    /** Day 0 of every journey, 10:00 UTC. */
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private LifecycleFixtures() {
    }

    static Instant day(long days) {
        return T0.plus(Duration.ofDays(days));
    }

    static FactEvent fact(FactKind kind, long days) {
        return FactEvent.of(kind, day(days));
    }

    static FactEvent order(long days, String amount) {
        return FactEvent.purchase(day(days), new BigDecimal(amount));
    }

    static LifecycleFacts facts(FactEvent... events) {
        return LifecycleFacts.empty().foldAll(List.of(events));
    }

    /** A deep, mutable copy of a configuration tree, for tests that break one value. */
    @SuppressWarnings("unchecked")
    static <T> T mutableCopy(T tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, mutableCopy(v)));
            return (T) copy;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(mutableCopy(item)));
            return (T) copy;
        }
        return tree;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Object tree, Object... path) {
        Object node = tree;
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(step);
        }
        return (Map<String, Object>) node;
    }
}
