package io.tally.core.port.out;

import io.tally.core.domain.identity.IdentityPolicy;
import io.tally.core.domain.lifecycle.LifecycleSettings;

/** Per-brand configuration. */
public interface BrandSettingsPort {

    IdentityPolicy identityPolicy(String brandId);

    /** The brand's event mapping, stage models and zone ({@link LifecycleSettings#DEFAULT} unless configured). */
    LifecycleSettings lifecycle(String brandId);
}
