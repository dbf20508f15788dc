package io.tally.gateway;

import io.micronaut.serde.annotation.SerdeImport;
import io.tally.core.domain.event.FieldError;
import io.tally.core.domain.quarantine.ReplayOutcome;

/** Lets the gateway serialize the framework-free core types it returns as they are. */
@SerdeImport(FieldError.class)
@SerdeImport(ReplayOutcome.class)
final class CoreTypesSerde {

    private CoreTypesSerde() {
    }
}
