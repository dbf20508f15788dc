package io.tally.processor;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.tally.aws.dynamodb.DynamoProfileStore;
import io.tally.testkit.InMemoryProfileStore;
import jakarta.inject.Singleton;

/** Replaces the DynamoDB profile store with the testkit's in-memory one, so processor tests need no network. */
@Factory
class InMemoryProfilesFactory {

    @Singleton
    @Replaces(DynamoProfileStore.class)
    InMemoryProfileStore profiles() {
        return new InMemoryProfileStore();
    }
}
