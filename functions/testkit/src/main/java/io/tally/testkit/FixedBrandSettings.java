package io.tally.testkit;

import io.tally.core.domain.identity.IdentityPolicy;
import io.tally.core.port.out.BrandSettingsPort;

/** {@link BrandSettingsPort} giving every brand the same settings. */
public record FixedBrandSettings(IdentityPolicy identityPolicy) implements BrandSettingsPort {

    public static FixedBrandSettings defaults() {
        return new FixedBrandSettings(IdentityPolicy.DEFAULT);
    }

    @Override
    public IdentityPolicy identityPolicy(String brandId) {
        return identityPolicy;
    }
}
