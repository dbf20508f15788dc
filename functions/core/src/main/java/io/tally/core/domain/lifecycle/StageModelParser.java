package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles stage models from a brand's lifecycle configuration, as parsed from JSON:
 * <pre>
 * {"models": {"aipl": {"name": "AIPL", "stages": [{"code": "L", "name": "Loyalty", "when": {...}}, ...]}}}
 * </pre>
 * Stages are listed from the highest precedence to the lowest. Conditions are objects with exactly one key:
 * {@code exposureWithinDays}, {@code lastPurchaseWithinDays}, {@code interactionWithinDays},
 * {@code ordersWithinDays}, {@code visitDaysWithinDays}, {@code member}, {@code lifetimeValueAtLeast},
 * {@code ordersAtLeast}, {@code all}, {@code any}, {@code not} (see docs/lifecycle.md). Keys other than
 * {@code models} at the top level are ignored (they belong to other parts of the configuration).
 */
public final class StageModelParser {

    private static final Pattern MODEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern STAGE_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
    private static final Set<String> MODEL_FIELDS = Set.of("name", "description", "stages");
    private static final Set<String> STAGE_FIELDS = Set.of("code", "name", "description", "when");
    private static final Set<String> KINDS_WINDOW_FIELDS = Set.of("kinds", "days");
    private static final Set<String> ORDERS_FIELDS = Set.of("days", "min", "max");
    private static final Set<String> VISITS_FIELDS = Set.of("days", "min");
    private static final List<String> CONDITIONS = List.of("all", "any", "not", "exposureWithinDays",
            "lastPurchaseWithinDays", "interactionWithinDays", "ordersWithinDays", "visitDaysWithinDays", "member",
            "lifetimeValueAtLeast", "ordersAtLeast");

    private StageModelParser() {
    }

    /**
     * The models configured under {@code models}, exactly.
     *
     * @throws InvalidStageModelException listing every error with its JSON path
     */
    public static StageModels parse(Map<String, Object> config) {
        ConfigReader reader = new ConfigReader();
        Map<String, Object> models = reader.object(config.get("models"), "models");
        List<StageModel> parsed = new ArrayList<>();
        if (models != null) {
            if (models.isEmpty()) {
                reader.error("models", "must define at least one model");
            }
            models.forEach((key, value) -> {
                StageModel model = model(key, value, ConfigReader.child("models", key), reader);
                if (model != null) {
                    parsed.add(model);
                }
            });
        }
        if (!reader.errors.isEmpty()) {
            throw new InvalidStageModelException(reader.errors);
        }
        return new StageModels(parsed);
    }

    /**
     * The built-in defaults with each model configured under {@code models} replacing the default of the same
     * key; the defaults alone when {@code models} is absent.
     *
     * @throws InvalidStageModelException listing every error with its JSON path
     */
    public static StageModels parseWithDefaults(Map<String, Object> config) {
        if (config.get("models") == null) {
            return StageModels.defaults();
        }
        return StageModels.defaults().withOverrides(parse(config));
    }

    private static StageModel model(String key, Object value, String path, ConfigReader reader) {
        int before = reader.errors.size();
        if (!MODEL_KEY.matcher(key).matches()) {
            reader.error(path, "model key must be 1-32 lower-case letters, digits, '_' or '-', starting with a letter");
        }
        Map<String, Object> model = reader.object(value, path);
        if (model == null) {
            return null;
        }
        reader.onlyKeys(model, path, MODEL_FIELDS);
        String name = model.get("name") == null ? null
                : reader.string(model.get("name"), ConfigReader.child(path, "name"), null, "a string");
        if (model.get("description") != null) {
            reader.string(model.get("description"), ConfigReader.child(path, "description"), null, "a string");
        }
        String stagesPath = ConfigReader.child(path, "stages");
        List<?> stages = reader.list(model.get("stages"), stagesPath, true);
        List<StageRule> rules = new ArrayList<>();
        if (stages != null) {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < stages.size(); i++) {
                String stagePath = ConfigReader.index(stagesPath, i);
                Object raw = stages.get(i);
                StageRule rule = stage(raw, stagePath, reader);
                if (raw instanceof Map<?, ?> stage && stage.get("code") instanceof String code) {
                    Integer previous = seen.putIfAbsent(code, i);
                    if (previous != null) {
                        reader.error(ConfigReader.child(stagePath, "code"), "duplicate stage code '" + code
                                + "' (also " + ConfigReader.index(stagesPath, previous) + ")");
                    }
                }
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return reader.errors.size() == before ? new StageModel(key, name, rules) : null;
    }

    private static StageRule stage(Object value, String path, ConfigReader reader) {
        int before = reader.errors.size();
        Map<String, Object> stage = reader.object(value, path);
        if (stage == null) {
            return null;
        }
        reader.onlyKeys(stage, path, STAGE_FIELDS);
        String code = reader.string(stage.get("code"), ConfigReader.child(path, "code"), STAGE_CODE,
                "1-32 letters, digits, '_' or '-', starting with a letter");
        String name = stage.get("name") == null ? null
                : reader.string(stage.get("name"), ConfigReader.child(path, "name"), null, "a string");
        if (stage.get("description") != null) {
            reader.string(stage.get("description"), ConfigReader.child(path, "description"), null, "a string");
        }
        Condition when = condition(stage.get("when"), ConfigReader.child(path, "when"), reader);
        return reader.errors.size() == before ? new StageRule(code, name, when) : null;
    }

    private static Condition condition(Object value, String path, ConfigReader reader) {
        Map<String, Object> node = reader.object(value, path);
        if (node == null) {
            return null;
        }
        if (node.size() != 1) {
            reader.error(path, "must have exactly one condition (one of " + String.join(", ", CONDITIONS)
                    + "), found " + (node.isEmpty() ? "none" : String.join(", ", node.keySet())));
            return null;
        }
        Map.Entry<String, Object> entry = node.entrySet().iterator().next();
        String key = entry.getKey();
        Object body = entry.getValue();
        String bodyPath = ConfigReader.child(path, key);
        int before = reader.errors.size();
        Condition condition = switch (key) {
            case "all", "any" -> {
                List<?> items = reader.list(body, bodyPath, true);
                if (items == null) {
                    yield null;
                }
                List<Condition> children = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    children.add(condition(items.get(i), ConfigReader.index(bodyPath, i), reader));
                }
                yield reader.errors.size() > before ? null
                        : key.equals("all") ? Condition.all(children) : Condition.any(children);
            }
            case "not" -> {
                Condition child = condition(body, bodyPath, reader);
                yield child == null ? null : Condition.not(child);
            }
            case "exposureWithinDays" -> {
                Integer days = days(body, bodyPath, reader);
                yield days == null ? null : Condition.exposureWithinDays(days);
            }
            case "lastPurchaseWithinDays" -> {
                Integer days = days(body, bodyPath, reader);
                yield days == null ? null : Condition.lastPurchaseWithinDays(days);
            }
            case "interactionWithinDays" -> interactionWithinDays(body, bodyPath, reader);
            case "ordersWithinDays" -> ordersWithinDays(body, bodyPath, reader);
            case "visitDaysWithinDays" -> visitDaysWithinDays(body, bodyPath, reader);
            case "member" -> {
                Boolean member = reader.bool(body, bodyPath);
                yield member == null ? null : Condition.member(member);
            }
            case "lifetimeValueAtLeast" -> {
                BigDecimal amount = reader.nonNegativeNumber(body, bodyPath);
                yield amount == null ? null : Condition.lifetimeValueAtLeast(amount);
            }
            case "ordersAtLeast" -> {
                Integer orders = reader.positiveInteger(body, bodyPath, Integer.MAX_VALUE);
                yield orders == null ? null : Condition.ordersAtLeast(orders);
            }
            default -> {
                reader.error(bodyPath, "unknown condition; expected one of " + String.join(", ", CONDITIONS));
                yield null;
            }
        };
        return reader.errors.size() > before ? null : condition;
    }

    private static Integer days(Object value, String path, ConfigReader reader) {
        return reader.positiveInteger(value, path, Conditions.MAX_DAYS);
    }

    private static Condition interactionWithinDays(Object value, String path, ConfigReader reader) {
        Map<String, Object> body = reader.object(value, path);
        if (body == null) {
            return null;
        }
        int before = reader.errors.size();
        reader.onlyKeys(body, path, KINDS_WINDOW_FIELDS);
        String kindsPath = ConfigReader.child(path, "kinds");
        List<?> codes = reader.list(body.get("kinds"), kindsPath, true);
        Set<FactKind> kinds = EnumSet.noneOf(FactKind.class);
        if (codes != null) {
            for (int i = 0; i < codes.size(); i++) {
                Object code = codes.get(i);
                String itemPath = ConfigReader.index(kindsPath, i);
                FactKind kind = code instanceof String s ? FactKind.fromCode(s).orElse(null) : null;
                if (kind == null) {
                    reader.error(itemPath, "unknown fact kind " + JsonText.compact(code) + "; expected one of "
                            + FactKind.codes());
                } else {
                    kinds.add(kind);
                }
            }
        }
        Integer days = days(body.get("days"), ConfigReader.child(path, "days"), reader);
        return reader.errors.size() > before ? null : Condition.interactionWithinDays(kinds, days);
    }

    private static Condition ordersWithinDays(Object value, String path, ConfigReader reader) {
        Map<String, Object> body = reader.object(value, path);
        if (body == null) {
            return null;
        }
        int before = reader.errors.size();
        reader.onlyKeys(body, path, ORDERS_FIELDS);
        Integer days = days(body.get("days"), ConfigReader.child(path, "days"), reader);
        int history = LifecycleFacts.ORDER_HISTORY;
        Integer min = body.get("min") == null ? null : reader.integer(body.get("min"), ConfigReader.child(path, "min"),
                0, history, "a non-negative integer");
        Integer max = body.get("max") == null ? null : reader.integer(body.get("max"), ConfigReader.child(path, "max"),
                0, history - 1, "a non-negative integer");
        if (body.get("min") == null && body.get("max") == null) {
            reader.error(path, "needs min, max or both");
        }
        if (min != null && max != null && min > max) {
            reader.error(ConfigReader.child(path, "min"), "must not exceed max (" + max + ")");
        }
        return reader.errors.size() > before ? null : Condition.ordersWithinDays(days, min, max);
    }

    private static Condition visitDaysWithinDays(Object value, String path, ConfigReader reader) {
        Map<String, Object> body = reader.object(value, path);
        if (body == null) {
            return null;
        }
        int before = reader.errors.size();
        reader.onlyKeys(body, path, VISITS_FIELDS);
        Integer days = days(body.get("days"), ConfigReader.child(path, "days"), reader);
        Integer min = reader.positiveInteger(body.get("min"), ConfigReader.child(path, "min"),
                LifecycleFacts.VISIT_DAY_HISTORY);
        return reader.errors.size() > before ? null : Condition.visitDaysWithinDays(days, min);
    }
}
