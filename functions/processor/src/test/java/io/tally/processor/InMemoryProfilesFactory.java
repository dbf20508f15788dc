package io.tally.processor;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.annotation.Replaces;
import io.tally.aws.dynamodb.DynamoIdentityGraph;
import io.tally.aws.dynamodb.DynamoProfileStore;
import io.tally.testkit.InMemoryIdentityGraph;
import io.tally.testkit.InMemoryProfileStore;
import jakarta.inject.Singleton;

/** Replaces the DynamoDB profile store and identity graph with the testkit's in-memory ones: no network. */
@Factory
@Requires(env = Environment.TEST)
class InMemoryProfilesFactory {

    @Singleton
    @Replaces(DynamoIdentityGraph.class)
    InMemoryIdentityGraph identityGraph() {
        return new InMemoryIdentityGraph();
    }

    @Singleton
    @Replaces(DynamoProfileStore.class)
    InMemoryProfileStore profiles(InMemoryIdentityGraph graph) {
        return new InMemoryProfileStore(graph);
    }
}
