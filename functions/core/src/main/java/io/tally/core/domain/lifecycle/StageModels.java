package io.tally.core.domain.lifecycle;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A brand's lifecycle models by key, in configuration order. */
public final class StageModels {

    private static final StageModels DEFAULTS = StageModelParser.parse(LifecycleDefaults.config());

    private final Map<String, StageModel> byKey;

    public StageModels(Collection<StageModel> models) {
        Map<String, StageModel> map = new LinkedHashMap<>();
        for (StageModel model : models) {
            if (map.put(model.key(), model) != null) {
                throw new IllegalArgumentException("duplicate model key " + model.key());
            }
        }
        this.byKey = Collections.unmodifiableMap(map);
    }

    /** The built-in AIPL ({@code aipl}) and DEEPLINK ({@code deeplink}) models; see docs/lifecycle.md. */
    public static StageModels defaults() {
        return DEFAULTS;
    }

    public Collection<StageModel> models() {
        return byKey.values();
    }

    public Optional<StageModel> model(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** These models with each of {@code overrides} replacing the model of the same key (or added after them). */
    public StageModels withOverrides(StageModels overrides) {
        Map<String, StageModel> map = new LinkedHashMap<>(byKey);
        map.putAll(overrides.byKey);
        return new StageModels(map.values());
    }

    /** The consumer's stage in every model at {@code now}, by model key. */
    public Map<String, StageAssignment> evaluate(LifecycleFacts facts, Instant now) {
        Map<String, StageAssignment> assignments = new LinkedHashMap<>();
        byKey.forEach((key, model) -> assignments.put(key, model.evaluate(facts, now)));
        return Collections.unmodifiableMap(assignments);
    }

    /** The earliest expiry among {@code assignments}, or null: when the profile needs its next time-driven look. */
    public static Instant earliestExpiry(Map<String, StageAssignment> assignments) {
        return assignments.values().stream().map(StageAssignment::expiresAt).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
    }

    /** These models as configuration: {@code {"models": {key: model, ...}}}. */
    public Map<String, Object> toConfig() {
        Map<String, Object> models = new LinkedHashMap<>();
        byKey.forEach((key, model) -> models.put(key, model.toConfig()));
        return Map.of("models", models);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StageModels other && byKey.equals(other.byKey);
    }

    @Override
    public int hashCode() {
        return byKey.hashCode();
    }

    @Override
    public String toString() {
        return byKey.values().toString();
    }
}
