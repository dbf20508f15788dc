package io.tally.core.port.out;

import io.tally.core.domain.identity.IdentityPolicy;

/** Per-brand configuration. */
public interface BrandSettingsPort {

    IdentityPolicy identityPolicy(String brandId);
}
