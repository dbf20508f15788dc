package io.tally.core.domain.lifecycle;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A lifecycle model (AIPL, DEEPLINK or a brand's own): stages listed from the highest precedence to the lowest.
 * A consumer is in the first stage whose condition holds, or in none.
 *
 * @param key    the model's key in configuration and in transitions, e.g. {@code aipl}
 * @param name   display name, e.g. {@code AIPL}
 * @param stages highest precedence first; codes are unique
 */
public record StageModel(String key, String name, List<StageRule> stages) {

    public StageModel {
        Objects.requireNonNull(key, "key");
        name = name == null ? key : name;
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a stage model needs at least one stage");
        }
        Set<String> codes = new HashSet<>();
        for (StageRule stage : stages) {
            if (!codes.add(stage.code())) {
                throw new IllegalArgumentException("duplicate stage code " + stage.code());
            }
        }
    }

    /**
     * The consumer's stage at {@code now}: a pure function of {@code facts} and {@code now}. The expiry is the
     * earliest time at which the winning stage stops qualifying or a higher stage starts to.
     */
    public StageAssignment evaluate(LifecycleFacts facts, Instant now) {
        long nowMillis = now.toEpochMilli();
        long expiry = Condition.NEVER;
        String winner = null;
        for (StageRule stage : stages) {
            Condition when = stage.when();
            expiry = Math.min(expiry, when.changesAt(facts, nowMillis));
            if (when.holds(facts, nowMillis)) {
                winner = stage.code();
                break;
            }
        }
        return new StageAssignment(winner, expiry == Condition.NEVER ? null : Instant.ofEpochMilli(expiry));
    }

    public Optional<StageRule> stage(String code) {
        return stages.stream().filter(stage -> stage.code().equals(code)).findFirst();
    }

    /** This model as configuration, in the shape {@link StageModelParser} reads. */
    public Map<String, Object> toConfig() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", name);
        model.put("stages", stages.stream().map(stage -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("code", stage.code());
            rule.put("name", stage.name());
            rule.put("when", stage.when().definition());
            return (Object) rule;
        }).toList());
        return model;
    }
}
