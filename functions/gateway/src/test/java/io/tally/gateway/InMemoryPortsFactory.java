package io.tally.gateway;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.annotation.Replaces;
import io.tally.aws.dynamodb.DynamoApiKeyStore;
import io.tally.aws.dynamodb.DynamoIdentityGraph;
import io.tally.aws.dynamodb.DynamoProfileStore;
import io.tally.aws.s3.S3Quarantine;
import io.tally.aws.sqs.SqsEventQueue;
import io.tally.testkit.InMemoryApiKeyStore;
import io.tally.testkit.InMemoryEventQueue;
import io.tally.testkit.InMemoryIdentityGraph;
import io.tally.testkit.InMemoryProfileStore;
import io.tally.testkit.InMemoryQuarantine;
import jakarta.inject.Singleton;

/** Replaces the AWS adapters with the testkit's in-memory ports, so gateway tests need no network. */
@Factory
@Requires(env = Environment.TEST)
class InMemoryPortsFactory {

    @Singleton
    @Replaces(DynamoApiKeyStore.class)
    InMemoryApiKeyStore apiKeys() {
        return new InMemoryApiKeyStore();
    }

    @Singleton
    @Replaces(SqsEventQueue.class)
    InMemoryEventQueue eventQueue() {
        return new InMemoryEventQueue();
    }

    @Singleton
    @Replaces(S3Quarantine.class)
    InMemoryQuarantine quarantine() {
        return new InMemoryQuarantine();
    }

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
