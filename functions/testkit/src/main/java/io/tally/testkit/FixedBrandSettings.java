package io.tally.testkit;

import io.tally.core.domain.identity.IdentityPolicy;
import io.tally.core.domain.lifecycle.LifecycleSettings;
import io.tally.core.port.out.BrandSettingsPort;

/** {@link BrandSettingsPort} giving every brand the same settings. */
public record FixedBrandSettings(IdentityPolicy identityPolicy, LifecycleSettings lifecycle)
        implements BrandSettingsPort {

    public FixedBrandSettings(IdentityPolicy identityPolicy) {
        this(identityPolicy, LifecycleSettings.DEFAULT);
    }

    public static FixedBrandSettings defaults() {
        return new FixedBrandSettings(IdentityPolicy.DEFAULT);
    }

    @Override
    public IdentityPolicy identityPolicy(String brandId) {
        return identityPolicy;
    }

    @Override
    public LifecycleSettings lifecycle(String brandId) {
        return lifecycle;
    }
}
