package io.tally.core.domain.segment;

import java.time.Instant;
import java.util.Objects;

/**
 * A live segment ready to evaluate: its compiled definition and the version memberships are recorded under.
 *
 * @param compiled the compiled definition
 * @param version  the definition's version
 */
public record LiveSegment(CompiledSegment compiled, long version) {

    public LiveSegment {
        Objects.requireNonNull(compiled, "compiled");
    }

    /** Compiles a stored, live definition. */
    public static LiveSegment of(StoredSegment stored) {
        return new LiveSegment(RuleCompiler.compile(stored.definition()), stored.version());
    }

    public String id() {
        return compiled.id();
    }

    public boolean matches(SegmentSubject subject, Instant now) {
        return compiled.matches(subject, now);
    }
}
