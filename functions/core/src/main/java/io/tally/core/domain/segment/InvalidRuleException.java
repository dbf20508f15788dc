package io.tally.core.domain.segment;

import java.util.List;
import java.util.stream.Collectors;

/** A segment rule or definition that breaks the rule language; carries every error found, each with its path. */
public class InvalidRuleException extends RuntimeException {

    private final transient List<RuleError> errors;

    public InvalidRuleException(List<RuleError> errors) {
        super(errors.stream().map(RuleError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** Every error, in the order the rule was read. */
    public List<RuleError> errors() {
        return errors;
    }
}
