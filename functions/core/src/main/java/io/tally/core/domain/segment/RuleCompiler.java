package io.tally.core.domain.segment;

import io.tally.core.domain.segment.Condition.Comparison;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads segment rules (JSON already parsed into maps, lists, strings, numbers and booleans) into
 * {@link CompiledRule}s, reporting every error with its JSON path. The language is described in
 * {@code docs/segments.md}.
 */
public final class RuleCompiler {

    /** Deepest nesting of conditions accepted; the top-level condition is at depth 1. */
    public static final int MAX_DEPTH = 32;
    /** Longest segment name accepted. */
    public static final int MAX_NAME_LENGTH = 200;
    /** Longest segment description accepted. */
    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    static final List<String> CONDITIONS = List.of("all", "any", "not", "trait", "stage", "orders", "gmv",
            "daysSinceLastPurchase", "clv", "pAlive", "channel", "event", "consent", "sample");
    static final List<String> TRAIT_OPERATORS = List.of("eq", "in", "gt", "gte", "lt", "lte", "exists", "contains");
    static final List<String> COMPARISONS = List.of("eq", "gt", "gte", "lt", "lte");

    private static final Pattern SEGMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final List<String> DEFINITION_KEYS = List.of("id", "name", "description", "rule");

    private RuleCompiler() {
    }

    /**
     * Compiles a rule.
     *
     * @throws InvalidRuleException naming every error, with paths starting at {@code rule}
     */
    public static CompiledRule compile(Map<String, Object> rule) {
        Reader reader = new Reader();
        Condition root = reader.condition(rule, "rule", 1);
        reader.throwIfInvalid();
        return reader.compiled(root, rule);
    }

    /**
     * Reads and compiles a segment definition {@code {"id", "name", "rule", "description"?}}.
     *
     * @throws InvalidRuleException naming every error, with paths such as {@code name} or {@code rule.any[0].clv}
     */
    public static CompiledSegment compileSegment(Map<String, Object> json) {
        Reader reader = new Reader();
        String id = reader.text(json.get("id"), "id", true);
        if (id != null && !SEGMENT_ID.matcher(id).matches()) {
            reader.error("id", "must be 1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
        String name = reader.text(json.get("name"), "name", true);
        if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
            reader.error("name", "must be a non-blank string of at most " + MAX_NAME_LENGTH + " characters");
        }
        Object description = json.get("description");
        if (description != null
                && !(description instanceof String text && text.length() <= MAX_DESCRIPTION_LENGTH)) {
            reader.error("description", "must be a string of at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        reader.unknownKeys(json, "", DEFINITION_KEYS, "key");
        Object rule = json.get("rule");
        Condition root = rule == null ? reader.error("rule", "is required") : reader.condition(rule, "rule", 1);
        reader.throwIfInvalid();
        CompiledRule compiled = reader.compiled(root, cast(rule));
        return new CompiledSegment(new SegmentDefinition(id, name, (String) description, compiled.source()),
                compiled);
    }

    /**
     * Compiles a stored definition, checking it as {@link #compileSegment} does.
     *
     * @throws InvalidRuleException naming every error
     */
    public static CompiledSegment compile(SegmentDefinition definition) {
        return compileSegment(definition.toJson());
    }

    /** A deep, unmodifiable copy of a JSON tree, keeping the order of keys. */
    static Object freeze(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), freeze(value)));
            return Collections.unmodifiableMap(copy);
        }
        if (json instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(value -> copy.add(freeze(value)));
            return Collections.unmodifiableList(copy);
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    /** One compilation: the errors found so far and what the rule depends on. */
    private static final class Reader {
        private final List<RuleError> errors = new ArrayList<>();
        private final Set<Dependency> dependencies = EnumSet.noneOf(Dependency.class);
        private final Set<String> traits = new TreeSet<>();
        private final Set<String> events = new TreeSet<>();

        CompiledRule compiled(Condition root, Map<String, Object> rule) {
            return new CompiledRule(root, dependencies, traits, events, cast(freeze(rule)));
        }

        void throwIfInvalid() {
            if (!errors.isEmpty()) {
                throw new InvalidRuleException(errors);
            }
        }

        /** Records an error; returns null so that a failed read can {@code return error(..)}. */
        Condition error(String path, String message) {
            errors.add(new RuleError(path, message));
            return null;
        }

        Condition condition(Object node, String path, int depth) {
            if (depth > MAX_DEPTH) {
                return error(path, "nests deeper than " + MAX_DEPTH + " levels");
            }
            if (!(node instanceof Map<?, ?> map)) {
                return error(path, "must be an object");
            }
            Map<String, Object> body = cast(map);
            List<String> kinds = body.keySet().stream().filter(CONDITIONS::contains).toList();
            if (kinds.isEmpty()) {
                if (body.isEmpty()) {
                    return error(path, "must hold a condition; allowed: " + String.join(", ", CONDITIONS));
                }
                for (String key : body.keySet()) {
                    error(path + "." + key,
                            "unknown condition '" + key + "'; allowed: " + String.join(", ", CONDITIONS));
                }
                return null;
            }
            if (kinds.size() > 1) {
                return error(path, "holds more than one condition (" + String.join(", ", kinds)
                        + "); combine them with all or any");
            }
            String kind = kinds.get(0);
            if (!kind.equals("trait")) {
                for (String key : body.keySet()) {
                    if (!key.equals(kind)) {
                        error(path + "." + key, "unexpected beside '" + kind + "'");
                    }
                }
            }
            Object value = body.get(kind);
            String at = path + "." + kind;
            return switch (kind) {
                case "all", "any" -> junction(kind, value, at, depth);
                case "not" -> {
                    Condition child = condition(value, at, depth + 1);
                    yield child == null ? null : new Condition.Not(child);
                }
                case "trait" -> trait(body, path);
                case "stage" -> stage(value, at);
                case "orders" -> {
                    dependOn(Dependency.ORDERS, Dependency.TIME);
                    yield windowed(value, at, null, (name, days, comparison) ->
                            new Condition.OrdersWithin(days, comparison));
                }
                case "gmv" -> {
                    dependOn(Dependency.ORDERS, Dependency.TIME);
                    yield windowed(value, at, null, (name, days, comparison) ->
                            new Condition.GmvWithin(days, comparison));
                }
                case "event" -> {
                    dependOn(Dependency.EVENTS, Dependency.TIME);
                    yield windowed(value, at, "name", (name, days, comparison) -> {
                        events.add(name);
                        return new Condition.EventCount(name, days, comparison);
                    });
                }
                case "daysSinceLastPurchase" -> {
                    dependOn(Dependency.ORDERS, Dependency.TIME);
                    Comparison comparison = comparisonBody(value, at, List.of());
                    yield comparison == null ? null : new Condition.DaysSinceLastPurchase(comparison);
                }
                case "clv" -> {
                    dependOn(Dependency.CLV);
                    Comparison comparison = comparisonBody(value, at, List.of());
                    yield comparison == null ? null : new Condition.Clv(comparison);
                }
                case "pAlive" -> {
                    dependOn(Dependency.P_ALIVE);
                    Comparison comparison = comparisonBody(value, at, List.of());
                    yield comparison == null ? null : new Condition.PAlive(comparison);
                }
                case "channel" -> {
                    dependOn(Dependency.CHANNELS);
                    String channel = text(value, at, true);
                    yield channel == null ? null : new Condition.SeenInChannel(channel);
                }
                case "consent" -> consent(value, at);
                case "sample" -> sample(value, at);
                default -> throw new IllegalStateException("unhandled condition " + kind);
            };
        }

        private Condition junction(String kind, Object value, String path, int depth) {
            if (!(value instanceof List<?> items) || items.isEmpty()) {
                return error(path, "must be a non-empty array");
            }
            List<Condition> children = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                children.add(condition(items.get(i), path + "[" + i + "]", depth + 1));
            }
            if (children.contains(null)) {
                return null;
            }
            if (children.size() == 1) {
                return children.get(0);
            }
            children.sort(Comparator.comparingInt(child -> child.cost));
            Condition[] array = children.toArray(Condition[]::new);
            return kind.equals("all") ? new Condition.All(array) : new Condition.Any(array);
        }

        private Condition trait(Map<String, Object> body, String path) {
            dependOn(Dependency.TRAITS);
            String name = text(body.get("trait"), path + ".trait", true);
            if (name != null) {
                traits.add(name);
            }
            if (body.size() == 1) {
                return error(path, "a trait condition needs an operator; allowed: "
                        + String.join(", ", TRAIT_OPERATORS));
            }
            List<Condition> tests = new ArrayList<>();
            Comparison comparison = new Comparison();
            for (Map.Entry<String, Object> entry : body.entrySet()) {
                String operator = entry.getKey();
                Object operand = entry.getValue();
                String at = path + "." + operator;
                switch (operator) {
                    case "trait" -> {
                    }
                    case "eq" -> {
                        if (isScalar(operand)) {
                            tests.add(new Condition.TraitIn(name, List.of(operand)));
                        } else {
                            error(at, "must be a string, number or boolean");
                        }
                    }
                    case "in" -> {
                        List<Object> operands = scalars(operand, at);
                        if (operands != null) {
                            tests.add(new Condition.TraitIn(name, operands));
                        }
                    }
                    case "gt", "gte", "lt", "lte" -> {
                        if (operand instanceof Number number) {
                            comparison.add(operator, number.doubleValue());
                        } else {
                            error(at, "must be a number");
                        }
                    }
                    case "exists" -> {
                        if (operand instanceof Boolean exists) {
                            tests.add(new Condition.TraitExists(name, exists));
                        } else {
                            error(at, "must be a boolean");
                        }
                    }
                    case "contains" -> {
                        String text = text(operand, at, true);
                        if (text != null) {
                            tests.add(new Condition.TraitContains(name, text));
                        }
                    }
                    default -> error(at, "unknown operator '" + operator + "'; allowed: "
                            + String.join(", ", TRAIT_OPERATORS));
                }
            }
            if (!comparison.isEmpty()) {
                tests.add(new Condition.TraitCompared(name, comparison));
            }
            if (name == null || tests.isEmpty()) {
                return null;
            }
            return tests.size() == 1 ? tests.get(0) : new Condition.All(tests.toArray(Condition[]::new));
        }

        private Condition stage(Object value, String path) {
            dependOn(Dependency.STAGE);
            Map<String, Object> body = object(value, path);
            if (body == null) {
                return null;
            }
            unknownKeys(body, path, List.of("model", "eq", "in"), "operator");
            String model = text(body.get("model"), path + ".model", true);
            List<Condition> tests = new ArrayList<>();
            if (body.containsKey("eq")) {
                String stage = text(body.get("eq"), path + ".eq", false);
                if (stage != null && model != null) {
                    tests.add(new Condition.StageIn(model, List.of(stage)));
                }
            }
            if (body.containsKey("in")) {
                List<String> stages = strings(body.get("in"), path + ".in");
                if (stages != null && model != null) {
                    tests.add(new Condition.StageIn(model, stages));
                }
            }
            if (!body.containsKey("eq") && !body.containsKey("in")) {
                return error(path, "needs eq or in");
            }
            if (tests.isEmpty()) {
                return null;
            }
            return tests.size() == 1 ? tests.get(0) : new Condition.All(tests.toArray(Condition[]::new));
        }

        /** A body with {@code withinDays}, comparisons and, when {@code nameKey} is given, a name. */
        private Condition windowed(Object value, String path, String nameKey, WindowedFactory factory) {
            Map<String, Object> body = object(value, path);
            if (body == null) {
                return null;
            }
            List<String> parameters = nameKey == null ? List.of("withinDays") : List.of(nameKey, "withinDays");
            String name = nameKey == null ? "" : text(body.get(nameKey), path + "." + nameKey, true);
            Integer days = positiveInteger(body.get("withinDays"), path + ".withinDays");
            Comparison comparison = comparisons(body, path, parameters);
            if (name == null || days == null || comparison == null) {
                return null;
            }
            return factory.create(name, days, comparison);
        }

        private Comparison comparisonBody(Object value, String path, List<String> parameters) {
            Map<String, Object> body = object(value, path);
            return body == null ? null : comparisons(body, path, parameters);
        }

        /** The comparisons of {@code body}, whose other keys must be among {@code parameters}. */
        private Comparison comparisons(Map<String, Object> body, String path, List<String> parameters) {
            Comparison comparison = new Comparison();
            boolean valid = true;
            for (Map.Entry<String, Object> entry : body.entrySet()) {
                String key = entry.getKey();
                if (parameters.contains(key)) {
                    continue;
                }
                if (!COMPARISONS.contains(key)) {
                    List<String> allowed = new ArrayList<>(parameters);
                    allowed.addAll(COMPARISONS);
                    error(path + "." + key, "unknown operator '" + key + "'; allowed: " + String.join(", ", allowed));
                    valid = false;
                } else if (entry.getValue() instanceof Number number) {
                    comparison.add(key, number.doubleValue());
                } else {
                    error(path + "." + key, "must be a number");
                    valid = false;
                }
            }
            if (comparison.isEmpty() && valid) {
                error(path, "needs a comparison; allowed: " + String.join(", ", COMPARISONS));
            }
            return valid && !comparison.isEmpty() ? comparison : null;
        }

        private Condition consent(Object value, String path) {
            dependOn(Dependency.CONSENT);
            Map<String, Object> body = object(value, path);
            if (body == null) {
                return null;
            }
            unknownKeys(body, path, List.of("purpose", "channel"), "key");
            String purpose = text(body.get("purpose"), path + ".purpose", true);
            String channel = body.containsKey("channel") ? text(body.get("channel"), path + ".channel", false) : "*";
            return purpose == null || channel == null ? null : new Condition.Consent(purpose, channel);
        }

        private Condition sample(Object value, String path) {
            Map<String, Object> body = object(value, path);
            if (body == null) {
                return null;
            }
            unknownKeys(body, path, List.of("percent", "salt"), "key");
            Object percent = body.get("percent");
            String salt = text(body.get("salt"), path + ".salt", true);
            if (percent == null) {
                return error(path + ".percent", "is required");
            }
            if (!(percent instanceof Number number)) {
                return error(path + ".percent", "must be a number");
            }
            double p = number.doubleValue();
            if (!(p >= 0 && p <= 100)) {
                return error(path + ".percent", "must be between 0 and 100");
            }
            return salt == null ? null : new Condition.Sample(salt, p);
        }

        private void dependOn(Dependency... inputs) {
            Collections.addAll(dependencies, inputs);
        }

        private Map<String, Object> object(Object value, String path) {
            if (value instanceof Map<?, ?> map) {
                return cast(map);
            }
            error(path, "must be an object");
            return null;
        }

        /** Records an error for each key of {@code body} not in {@code allowed}; {@code what} names such keys. */
        void unknownKeys(Map<String, Object> body, String path, List<String> allowed, String what) {
            for (String key : body.keySet()) {
                if (!allowed.contains(key)) {
                    error(path.isEmpty() ? key : path + "." + key,
                            "unknown " + what + " '" + key + "'; allowed: " + String.join(", ", allowed));
                }
            }
        }

        /** A non-empty string, or null after recording why not ({@code required}: whether absence is an error). */
        String text(Object value, String path, boolean required) {
            if (value == null && required) {
                error(path, "is required");
                return null;
            }
            if (value instanceof String text && !text.isEmpty()) {
                return text;
            }
            error(path, "must be a non-empty string");
            return null;
        }

        private Integer positiveInteger(Object value, String path) {
            if (value == null) {
                error(path, "is required");
                return null;
            }
            long integer = integral(value);
            if (integer < 1 || integer > Integer.MAX_VALUE) {
                error(path, "must be a positive integer");
                return null;
            }
            return (int) integer;
        }

        /** The value as a long if it is an integral number that fits, else -1. */
        private static long integral(Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger big) {
                return big.bitLength() < 63 ? big.longValue() : -1;
            }
            if (value instanceof BigDecimal decimal) {
                try {
                    return decimal.longValueExact();
                } catch (ArithmeticException e) {
                    return -1;
                }
            }
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                return d == Math.rint(d) && Math.abs(d) < 0x1.0p62 ? (long) d : -1;
            }
            return -1;
        }

        private List<Object> scalars(Object value, String path) {
            if (!(value instanceof List<?> items) || items.isEmpty()) {
                error(path, "must be a non-empty array");
                return null;
            }
            boolean valid = true;
            for (int i = 0; i < items.size(); i++) {
                if (!isScalar(items.get(i))) {
                    error(path + "[" + i + "]", "must be a string, number or boolean");
                    valid = false;
                }
            }
            return valid ? List.copyOf(items) : null;
        }

        private List<String> strings(Object value, String path) {
            if (!(value instanceof List<?> items) || items.isEmpty()) {
                error(path, "must be a non-empty array");
                return null;
            }
            List<String> strings = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                String text = text(items.get(i), path + "[" + i + "]", false);
                if (text != null) {
                    strings.add(text);
                }
            }
            return strings.size() == items.size() ? strings : null;
        }

        private static boolean isScalar(Object value) {
            return value instanceof String || value instanceof Number || value instanceof Boolean;
        }
    }

    @FunctionalInterface
    private interface WindowedFactory {
        Condition create(String name, int days, Comparison comparison);
    }
}
