package io.tally.core.domain.lifecycle;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A brand's lifecycle configuration: which events update which facts, its stage models and the zone its days are
 * counted in.
 *
 * @param mapping tracked calls → facts
 * @param models  stage models (AIPL and DEEPLINK by default)
 * @param zone    zone of the brand's days (flows, metrics, expiry days)
 */
public record LifecycleSettings(EventMapping mapping, StageModels models, ZoneId zone) {

    public static final LifecycleSettings DEFAULT = new LifecycleSettings(EventMapping.defaults(),
            StageModels.defaults(), ZoneOffset.UTC);

    public LifecycleSettings {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(zone, "zone");
    }
}
