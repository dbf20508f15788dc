package io.tally.core.domain.segment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A segment as a brand defines it. {@link RuleCompiler#compileSegment} reads one from JSON and checks it.
 *
 * @param id          stable id: 1 to 64 letters, digits, {@code _}, {@code -} or {@code .}
 * @param name        display name
 * @param description optional free text, or null
 * @param rule        the rule's JSON tree (kept as an unmodifiable copy)
 */
public record SegmentDefinition(String id, String name, String description, Map<String, Object> rule) {

    @SuppressWarnings("unchecked")
    public SegmentDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        rule = (Map<String, Object>) RuleCompiler.freeze(Objects.requireNonNull(rule, "rule"));
    }

    /** The definition as JSON: {@code id}, {@code name}, {@code description} (when there is one) and {@code rule}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        if (description != null) {
            json.put("description", description);
        }
        json.put("rule", rule);
        return json;
    }
}
