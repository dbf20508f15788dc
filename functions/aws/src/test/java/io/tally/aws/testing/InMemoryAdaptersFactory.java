package io.tally.aws.testing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.annotation.Replaces;
import io.tally.aws.dynamodb.DynamoApiKeyStore;
import io.tally.aws.dynamodb.DynamoIdentityGraph;
import io.tally.aws.dynamodb.DynamoProfileStore;
import io.tally.aws.s3.S3Quarantine;
import io.tally.aws.sqs.SqsEventQueue;
import io.tally.aws.dynamodb.DynamoCensusStore;
import io.tally.aws.dynamodb.DynamoClvStore;
import io.tally.aws.s3.S3ClvParts;
import io.tally.testkit.InMemoryClvParts;
import io.tally.testkit.InMemoryClvStore;
import io.tally.aws.dynamodb.DynamoProfileBatchLoader;
import io.tally.aws.dynamodb.DynamoSegmentDefinitionStore;
import io.tally.aws.dynamodb.DynamoSegmentMembershipStore;
import io.tally.aws.dynamodb.DynamoSegmentRunStore;
import io.tally.aws.dynamodb.DynamoSegmentScanner;
import io.tally.aws.s3.S3AudienceExporter;
import io.tally.aws.sqs.SqsScanTaskQueue;
import io.tally.testkit.InMemoryAudienceExports;
import io.tally.testkit.InMemoryCensusStore;
import io.tally.testkit.InMemorySegmentDefinitions;
import io.tally.testkit.InMemorySegmentMemberships;
import io.tally.testkit.InMemorySegmentRuns;
import io.tally.testkit.InMemorySegmentScanner;
import io.tally.testkit.InMemoryTaskQueue;
import io.tally.testkit.InMemoryProfileBatchLoader;
import io.tally.testkit.InMemoryApiKeyStore;
import io.tally.testkit.InMemoryEventQueue;
import io.tally.testkit.InMemoryIdentityGraph;
import io.tally.testkit.InMemoryProfileStore;
import io.tally.testkit.InMemoryQuarantine;
import jakarta.inject.Singleton;

/**
 * Replaces the AWS adapters with the testkit's in-memory ports in the {@code test} environment, so the functions'
 * Micronaut tests need no network. Shipped in tally-aws's test jar; beans are created only where a test needs them.
 */
@Factory
@Requires(env = Environment.TEST)
public class InMemoryAdaptersFactory {

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

    @Singleton
    @Replaces(DynamoSegmentDefinitionStore.class)
    InMemorySegmentDefinitions segmentDefinitions() {
        return new InMemorySegmentDefinitions();
    }

    @Singleton
    @Replaces(DynamoSegmentMembershipStore.class)
    InMemorySegmentMemberships segmentMemberships(InMemoryProfileStore profiles) {
        return new InMemorySegmentMemberships(profiles);
    }

    @Singleton
    @Replaces(DynamoSegmentRunStore.class)
    InMemorySegmentRuns segmentRuns() {
        return new InMemorySegmentRuns();
    }

    @Singleton
    @Replaces(DynamoSegmentScanner.class)
    InMemorySegmentScanner segmentScanner(InMemoryProfileStore profiles, InMemorySegmentMemberships memberships) {
        return new InMemorySegmentScanner(profiles, memberships);
    }

    @Singleton
    @Replaces(DynamoProfileBatchLoader.class)
    InMemoryProfileBatchLoader profileBatchLoader(InMemoryProfileStore profiles) {
        return new InMemoryProfileBatchLoader(profiles);
    }

    @Singleton
    @Replaces(SqsScanTaskQueue.class)
    InMemoryTaskQueue taskQueue() {
        return new InMemoryTaskQueue();
    }

    @Singleton
    @Replaces(S3AudienceExporter.class)
    InMemoryAudienceExports audienceExports() {
        return new InMemoryAudienceExports();
    }

    @Singleton
    @Replaces(DynamoClvStore.class)
    InMemoryClvStore clvStore() {
        return new InMemoryClvStore();
    }

    @Singleton
    @Replaces(S3ClvParts.class)
    InMemoryClvParts clvParts() {
        return new InMemoryClvParts();
    }

    @Singleton
    @Replaces(DynamoCensusStore.class)
    InMemoryCensusStore censusStore() {
        return new InMemoryCensusStore();
    }
}
