package io.tally.core.domain.lifecycle;

import java.util.List;

/** Event mapping configuration that cannot be used; lists every error with its JSON path. */
public class InvalidEventMappingException extends InvalidLifecycleConfigException {

    public InvalidEventMappingException(List<ConfigError> errors) {
        super("event mapping", errors);
    }
}
