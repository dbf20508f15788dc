package io.tally.aws.config;

import io.micronaut.core.value.PropertyResolver;
import io.tally.core.domain.consumer.IdentifierType;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tally.core.domain.identity.IdentityPolicy;
import io.tally.core.domain.lifecycle.EventMapping;
import io.tally.core.domain.lifecycle.LifecycleSettings;
import io.tally.core.domain.lifecycle.StageModelParser;
import io.tally.core.domain.lifecycle.StageModels;
import io.tally.core.port.out.BrandSettingsPort;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brand settings from configuration, {@code tally.brands.<brand>.identity.*} (falling back to
 * {@code tally.brands.default.identity.*}, then to {@link IdentityPolicy#DEFAULT}):
 * {@code merge-on} (identifier types, e.g. {@code userId,anonymousId,member,email,phone}), {@code max-identifiers},
 * {@code default-calling-code}, {@code erasure-block} (ISO-8601, e.g. {@code P30D}); and
 * {@code tally.brands.<brand>.lifecycle.*} (same fallback): {@code config}, a JSON file ({@code classpath:} or a
 * path) with {@code events} and {@code models} sections applied over the defaults (docs/lifecycle.md), and
 * {@code zone} (e.g. {@code Asia/Shanghai}, default UTC). A brand's configuration is read and validated on first
 * use; an invalid one fails with every error and its JSON path.
 */
@Singleton
public class ConfiguredBrandSettings implements BrandSettingsPort {

    private final PropertyResolver properties;
    private final Map<String, IdentityPolicy> cache = new ConcurrentHashMap<>();
    private final Map<String, LifecycleSettings> lifecycles = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final ResourceResolver resources;

    public ConfiguredBrandSettings(PropertyResolver properties, JsonMapper json, ResourceResolver resources) {
        this.properties = properties;
        this.json = json;
        this.resources = resources;
    }

    @Override
    public LifecycleSettings lifecycle(String brandId) {
        return lifecycles.computeIfAbsent(brandId, this::loadLifecycle);
    }

    private LifecycleSettings loadLifecycle(String brandId) {
        ZoneId zone = lifecycleProperty(brandId, "zone").map(ZoneId::of).orElse(ZoneOffset.UTC);
        Optional<String> location = lifecycleProperty(brandId, "config");
        if (location.isEmpty()) {
            return new LifecycleSettings(EventMapping.defaults(), StageModels.defaults(), zone);
        }
        Map<String, Object> config;
        try (InputStream in = open(location.get())) {
            config = json.readValue(in, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the lifecycle configuration of brand " + brandId + " from "
                    + location.get() + ": " + e.getMessage(), e);
        }
        return new LifecycleSettings(EventMapping.parse(config), StageModelParser.parseWithDefaults(config), zone);
    }

    private InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            return resources.getResourceAsStream(location).orElseThrow(() ->
                    new IOException("no such classpath resource"));
        }
        return Files.newInputStream(Path.of(location));
    }

    private Optional<String> lifecycleProperty(String brandId, String name) {
        return properties.get("tally.brands." + brandId + ".lifecycle." + name, String.class)
                .or(() -> properties.get("tally.brands.default.lifecycle." + name, String.class));
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
