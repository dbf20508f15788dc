package io.tally.processor;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.annotation.Replaces;
import io.tally.aws.dynamodb.DynamoClvStore;
import io.tally.aws.dynamodb.DynamoIdentityGraph;
import io.tally.aws.dynamodb.DynamoProfileStore;
import io.tally.aws.dynamodb.DynamoSegmentDefinitionStore;
import io.tally.aws.dynamodb.DynamoSegmentMembershipStore;
import io.tally.testkit.InMemoryClvStore;
import io.tally.testkit.InMemoryIdentityGraph;
import io.tally.testkit.InMemoryProfileStore;
import io.tally.testkit.InMemorySegmentDefinitions;
import io.tally.testkit.InMemorySegmentMemberships;
import jakarta.inject.Singleton;

/**
 * Replaces the DynamoDB profile store, identity graph, segment and CLV stores with the testkit's in-memory ones: no
 * network.
 */
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

    @Singleton
    @Replaces(DynamoSegmentDefinitionStore.class)
    InMemorySegmentDefinitions segmentDefinitions() {
        return new InMemorySegmentDefinitions();
    }

    @Singleton
    @Replaces(DynamoSegmentMembershipStore.class)
    InMemorySegmentMemberships segmentMemberships() {
        return new InMemorySegmentMemberships();
    }

    @Singleton
    @Replaces(DynamoClvStore.class)
    InMemoryClvStore clvStore() {
        return new InMemoryClvStore();
    }
}
