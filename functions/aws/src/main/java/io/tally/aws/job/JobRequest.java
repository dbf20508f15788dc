package io.tally.aws.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Payload of a scheduled invocation, {@code {"job": "census"}}: sent by EventBridge Scheduler in AWS and by
 * the local runner's scheduler or {@code tally run-job} locally.
 *
 * @param job  the job to run
 * @param date the business date (ISO {@code yyyy-MM-dd}) to run it for; today (UTC) when absent
 */
@Serdeable
public record JobRequest(String job, @Nullable String date) {

    /**
     * The business date the job runs for: {@code date}, or today in UTC on {@code clock}.
     *
     * @throws IllegalArgumentException when {@code date} is not an ISO date
     */
    public LocalDate businessDate(Clock clock) {
        if (date == null) {
            return LocalDate.now(clock.withZone(ZoneOffset.UTC));
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("job '" + job + "': date must be an ISO date (yyyy-MM-dd), not '"
                    + date + "'", e);
        }
    }
}
