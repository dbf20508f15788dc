package io.tally.core.domain.segment;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A segment rule compiled by {@link RuleCompiler}: a tree of small predicates with every operand resolved, safe to
 * share between threads.
 */
public final class CompiledRule {

    private final Condition root;
    private final Set<Dependency> dependencies;
    private final Set<String> traitNames;
    private final Set<String> eventNames;
    private final Map<String, Object> source;

    CompiledRule(Condition root, Set<Dependency> dependencies, Set<String> traitNames, Set<String> eventNames,
                 Map<String, Object> source) {
        this.root = root;
        this.dependencies = Collections.unmodifiableSet(dependencies.isEmpty()
                ? EnumSet.noneOf(Dependency.class) : EnumSet.copyOf(dependencies));
        this.traitNames = Collections.unmodifiableSet(new TreeSet<>(traitNames));
        this.eventNames = Collections.unmodifiableSet(new TreeSet<>(eventNames));
        this.source = source;
    }

    /** Whether the subject belongs to the segment at {@code now}. */
    public boolean matches(SegmentSubject subject, Instant now) {
        return root.test(subject, now);
    }

    /** The inputs the rule reads; a change touching none of them cannot change a consumer's membership. */
    public Set<Dependency> dependencies() {
        return dependencies;
    }

    /** Whether a change to any of {@code changed} may change a consumer's membership. */
    public boolean dependsOnAny(Set<Dependency> changed) {
        return !Collections.disjoint(dependencies, changed);
    }

    /** Whether membership can change by the clock alone, so the daily recompute must evaluate the rule. */
    public boolean timeDependent() {
        return dependencies.contains(Dependency.TIME);
    }

    /** The traits the rule reads, sorted. */
    public Set<String> traitNames() {
        return traitNames;
    }

    /** The names of the events whose counts the rule reads, sorted. */
    public Set<String> eventNames() {
        return eventNames;
    }

    /** The rule as it was compiled: an unmodifiable copy of its JSON tree. */
    public Map<String, Object> source() {
        return source;
    }

    @Override
    public String toString() {
        return "CompiledRule" + source;
    }
}
