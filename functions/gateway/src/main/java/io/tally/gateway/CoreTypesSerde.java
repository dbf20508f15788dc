package io.tally.gateway;

import io.micronaut.serde.annotation.SerdeImport;
import io.tally.core.domain.event.FieldError;

/** Lets the gateway serialize the framework-free core types it returns as they are. */
@SerdeImport(FieldError.class)
final class CoreTypesSerde {

    private CoreTypesSerde() {
    }
}
