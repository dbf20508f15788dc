package io.tally.core.domain.lifecycle;

import java.util.List;

/** A stage model the brand does not have. */
public class UnknownStageModelException extends RuntimeException {

    private final List<String> known;

    public UnknownStageModelException(String model, List<String> known) {
        super("unknown model '" + model + "'; this brand has " + String.join(", ", known));
        this.known = List.copyOf(known);
    }

    /** The brand's model keys. */
    public List<String> known() {
        return known;
    }
}
