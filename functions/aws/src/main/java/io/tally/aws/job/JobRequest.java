package io.tally.aws.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Payload of a scheduled invocation, {@code {"job": "census"}}: sent by EventBridge Scheduler in AWS and by
 * the local runner's scheduler or {@code tally run-job} locally.
 *
 * @param job  the job to run
 * @param date the business date (ISO {@code yyyy-MM-dd}) to run it for; today (UTC) when absent
 */
@Serdeable
public record JobRequest(String job, @Nullable String date) {
}
