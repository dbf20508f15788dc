package io.tally.core.domain.segment;

import java.time.Instant;
import java.util.Objects;

/** A checked segment definition with its compiled rule. */
public record CompiledSegment(SegmentDefinition definition, CompiledRule rule) {

    public CompiledSegment {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(rule, "rule");
    }

    public String id() {
        return definition.id();
    }

    /** Whether the subject belongs to the segment at {@code now}. */
    public boolean matches(SegmentSubject subject, Instant now) {
        return rule.matches(subject, now);
    }
}
