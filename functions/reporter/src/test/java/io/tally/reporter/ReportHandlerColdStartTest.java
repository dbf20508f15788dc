package io.tally.reporter;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Unit scope: {@link ReportHandler} starts as Lambda starts it — every singleton created eagerly, with only the
 * settings it needs to start, a subset of the variables the CDK stack gives its function (TallyStackTest checks
 * those). Needs no network.
 */
class ReportHandlerColdStartTest {

    @Test
    void givenOnlyTheStacksVariables_whenStartedEagerly_thenEveryBeanIsCreated() {
        assertThatCode(() -> {
            try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                    .environments("function").eagerInitSingletons(true).properties(Map.of("tally.tables.main", "t", "tally.buckets.reports", "b")).start()) {
                new ReportHandler(context).close();
            }
        }).doesNotThrowAnyException();
    }
}
