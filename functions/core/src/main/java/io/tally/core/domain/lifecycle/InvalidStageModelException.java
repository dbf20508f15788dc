package io.tally.core.domain.lifecycle;

import java.util.List;

/** Stage model configuration that cannot be compiled; lists every error with its JSON path. */
public class InvalidStageModelException extends InvalidLifecycleConfigException {

    public InvalidStageModelException(List<ConfigError> errors) {
        super("stage models", errors);
    }
}
