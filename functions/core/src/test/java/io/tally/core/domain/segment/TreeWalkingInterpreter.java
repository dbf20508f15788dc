package io.tally.core.domain.segment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a rule's JSON tree directly, looking up keys and switching on strings at every step. It is the
 * straightforward reading of the language, kept as the baseline {@link CompiledRule} is measured against and as
 * the oracle its tests compare it with; production code compiles rules instead. The rule must be valid (check it
 * with {@link RuleCompiler#compile} first): this class does not report errors.
 */
public final class TreeWalkingInterpreter {

    /** Whether the subject matches the valid {@code rule} at {@code now}. */
    public boolean matches(Map<String, Object> rule, SegmentSubject subject, Instant now) {
        if (rule.containsKey("trait")) {
            return trait(rule, subject);
        }
        Map.Entry<String, Object> condition = rule.entrySet().iterator().next();
        Object body = condition.getValue();
        switch (condition.getKey()) {
            case "all":
                for (Object child : (List<?>) body) {
                    if (!matches(map(child), subject, now)) {
                        return false;
                    }
                }
                return true;
            case "any":
                for (Object child : (List<?>) body) {
                    if (matches(map(child), subject, now)) {
                        return true;
                    }
                }
                return false;
            case "not":
                return !matches(map(body), subject, now);
            case "stage": {
                String stage = subject.stage((String) map(body).get("model"));
                if (stage == null) {
                    return false;
                }
                if (map(body).containsKey("eq") && !stage.equals(map(body).get("eq"))) {
                    return false;
                }
                return !map(body).containsKey("in") || ((List<?>) map(body).get("in")).contains(stage);
            }
            case "orders":
                return compare(subject.ordersWithinDays(days(body), now), map(body));
            case "gmv":
                return compare(subject.gmvWithinDays(days(body), now), map(body));
            case "daysSinceLastPurchase": {
                Instant last = subject.lastPurchase();
                return last != null && compare(Math.max(0, ChronoUnit.DAYS.between(last, now)), map(body));
            }
            case "clv":
                return compare(subject.clv(), map(body));
            case "pAlive":
                return compare(subject.pAlive(), map(body));
            case "channel":
                return subject.seenInChannel((String) body);
            case "event":
                return compare(subject.eventCountWithinDays((String) map(body).get("name"), days(body), now),
                        map(body));
            case "consent":
                return subject.consent((String) map(body).get("purpose"),
                        (String) map(body).getOrDefault("channel", "*"));
            case "sample":
                return SampleBuckets.inSample((String) map(body).get("salt"), subject.consumerId(),
                        ((Number) map(body).get("percent")).doubleValue());
            default:
                throw new IllegalArgumentException("unknown condition " + condition.getKey());
        }
    }

    private static boolean trait(Map<String, Object> rule, SegmentSubject subject) {
        Object value = subject.trait((String) rule.get("trait"));
        for (Map.Entry<String, Object> entry : rule.entrySet()) {
            Object operand = entry.getValue();
            boolean passes;
            switch (entry.getKey()) {
                case "trait":
                    continue;
                case "eq":
                    passes = scalarEquals(value, operand);
                    break;
                case "in":
                    passes = ((List<?>) operand).stream().anyMatch(candidate -> scalarEquals(value, candidate));
                    break;
                case "gt":
                case "gte":
                case "lt":
                case "lte":
                    passes = value instanceof Number number
                            && compare(entry.getKey(), number.doubleValue(), ((Number) operand).doubleValue());
                    break;
                case "exists":
                    passes = (value != null) == (Boolean) operand;
                    break;
                case "contains":
                    passes = value instanceof String text ? text.contains((String) operand)
                            : value instanceof Collection<?> elements && elements.contains(operand);
                    break;
                default:
                    throw new IllegalArgumentException("unknown operator " + entry.getKey());
            }
            if (!passes) {
                return false;
            }
        }
        return true;
    }

    private static boolean scalarEquals(Object value, Object operand) {
        if (operand instanceof Number number) {
            return value instanceof Number actual && actual.doubleValue() == number.doubleValue();
        }
        return operand.equals(value);
    }

    /** Whether {@code value} passes every comparison in {@code body} (its other keys are parameters). */
    private static boolean compare(double value, Map<String, Object> body) {
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            switch (entry.getKey()) {
                case "eq", "gt", "gte", "lt", "lte" -> {
                    if (!compare(entry.getKey(), value, ((Number) entry.getValue()).doubleValue())) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }

    private static boolean compare(String operator, double value, double operand) {
        return switch (operator) {
            case "eq" -> value == operand;
            case "gt" -> value > operand;
            case "gte" -> value >= operand;
            case "lt" -> value < operand;
            case "lte" -> value <= operand;
            default -> throw new IllegalArgumentException("unknown comparison " + operator);
        };
    }

    private static int days(Object body) {
        return ((Number) map(body).get("withinDays")).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
