package io.tally.aws.config;

import io.micronaut.context.annotation.Factory;
import io.tally.core.port.out.ApiKeyStorePort;
import io.tally.core.port.out.EventQueuePort;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.service.ApiKeyService;
import io.tally.core.service.IngestService;
import io.tally.core.service.ProfileService;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the framework-free core services to whichever port adapters are in the context. */
@Factory
public class CoreFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ApiKeyService apiKeyService(ApiKeyStorePort keys, Clock clock) {
        return new ApiKeyService(keys, clock);
    }

    @Singleton
    IngestService ingestService(EventQueuePort queue) {
        return new IngestService(queue);
    }

    @Singleton
    ProfileService profileService(ProfileStorePort profiles) {
        return new ProfileService(profiles);
    }
}
