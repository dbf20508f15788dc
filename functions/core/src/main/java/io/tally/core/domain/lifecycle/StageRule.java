package io.tally.core.domain.lifecycle;

import java.util.Objects;

/**
 * One stage of a model: the consumer qualifies while {@code when} holds.
 *
 * @param code stable identifier stored on profiles and in daily flows, e.g. {@code L} or {@code KEEP}
 * @param name display name, e.g. {@code Loyalty}
 * @param when the qualifying condition
 */
public record StageRule(String code, String name, Condition when) {

    public StageRule {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(when, "when");
        name = name == null ? code : name;
    }
}
