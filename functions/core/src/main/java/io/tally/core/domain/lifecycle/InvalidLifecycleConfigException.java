package io.tally.core.domain.lifecycle;

import java.util.List;
import java.util.stream.Collectors;

/** A lifecycle configuration that cannot be used; carries every error found, each with its JSON path. */
public class InvalidLifecycleConfigException extends RuntimeException {

    private final transient List<ConfigError> errors;

    public InvalidLifecycleConfigException(String what, List<ConfigError> errors) {
        super("invalid " + what + " (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "): "
                + errors.stream().map(ConfigError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
