package io.tally.aws.config;

import io.micronaut.core.value.PropertyResolver;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.identity.IdentityPolicy;
import io.tally.core.port.out.BrandSettingsPort;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brand settings from configuration, {@code tally.brands.<brand>.identity.*} (falling back to
 * {@code tally.brands.default.identity.*}, then to {@link IdentityPolicy#DEFAULT}):
 * {@code merge-on} (identifier types, e.g. {@code userId,anonymousId,member,email,phone}), {@code max-identifiers},
 * {@code default-calling-code}, {@code erasure-block} (ISO-8601, e.g. {@code P30D}).
 */
@Singleton
public class ConfiguredBrandSettings implements BrandSettingsPort {

    private final PropertyResolver properties;
    private final Map<String, IdentityPolicy> cache = new ConcurrentHashMap<>();

    public ConfiguredBrandSettings(PropertyResolver properties) {
        this.properties = properties;
    }

    @Override
    public IdentityPolicy identityPolicy(String brandId) {
        return cache.computeIfAbsent(brandId, this::load);
    }

    private IdentityPolicy load(String brandId) {
        IdentityPolicy base = IdentityPolicy.DEFAULT;
        Set<IdentifierType> mergeOn = property(brandId, "merge-on").map(ConfiguredBrandSettings::types)
                .orElse(base.mergeOn());
        int max = property(brandId, "max-identifiers").map(Integer::parseInt).orElse(base.maxIdentifiers());
        String callingCode = property(brandId, "default-calling-code").orElse(base.defaultCallingCode());
        Duration block = property(brandId, "erasure-block").map(Duration::parse).orElse(base.erasureBlock());
        return new IdentityPolicy(mergeOn, max, callingCode, block);
    }

    private java.util.Optional<String> property(String brandId, String name) {
        return properties.get("tally.brands." + brandId + ".identity." + name, String.class)
                .or(() -> properties.get("tally.brands.default.identity." + name, String.class));
    }

    private static Set<IdentifierType> types(String list) {
        Set<IdentifierType> types = EnumSet.noneOf(IdentifierType.class);
        for (String name : List.of(list.split(","))) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty()) {
                types.add(IdentifierType.fromWireName(trimmed).orElseThrow(() -> new IllegalArgumentException(
                        "unknown identifier type '" + trimmed + "' in merge-on; known: userId, member, email, phone, "
                                + "anonymousId, device")));
            }
        }
        return types;
    }
}
