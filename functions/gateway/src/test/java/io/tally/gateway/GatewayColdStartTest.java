package io.tally.gateway;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Unit scope: the gateway starts as Lambda starts it — every singleton created eagerly, with only the
 * settings it needs to start, a subset of the variables the CDK stack gives this function (TallyStackTest checks
 * those) and no test replacements. Needs no network (clients are created, not called).
 */
class GatewayColdStartTest {

    @Test
    void givenOnlyTheStacksVariables_whenStartedEagerly_thenEveryBeanIsCreated() {
        assertThatCode(() -> {
            try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                    .environments("function").eagerInitSingletons(true).properties(Map.of(
                            "tally.tables.main", "t", "tally.queues.ingest", "https://sqs.example/q",
                            "tally.buckets.quarantine", "b", "tally.identity.hash-secret", "0123456789abcdef0123"))
                    .start()) {
                new GatewayFunction(context);
            }
        }).doesNotThrowAnyException();
    }
}
