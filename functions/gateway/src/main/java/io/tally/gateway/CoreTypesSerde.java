package io.tally.gateway;

import io.micronaut.serde.annotation.SerdeImport;
import io.tally.core.domain.event.FieldError;
import io.tally.core.domain.quarantine.ReplayOutcome;
import io.tally.core.port.in.ConsumerPrivacyUseCase;

/** Lets the gateway serialize the framework-free core types it returns as they are. */
@SerdeImport(FieldError.class)
@SerdeImport(ReplayOutcome.class)
@SerdeImport(ConsumerPrivacyUseCase.ErasureReport.class)
final class CoreTypesSerde {

    private CoreTypesSerde() {
    }
}
