package io.tally.catalog;

/**
 * A recurring invocation of a function, by EventBridge Scheduler in AWS and by the local runner locally.
 *
 * @param logicalName stable name
 * @param function    logical name of the invoked function
 * @param hourUtc     hour of the day (UTC) at which it fires, daily
 * @param minute      minute of that hour
 * @param job         job name sent as the invocation payload ({@code {"job": "<job>"}})
 */
public record ScheduleSpec(String logicalName, String function, int hourUtc, int minute, String job) {

    /** The EventBridge Scheduler expression, {@code cron(m h * * ? *)}. */
    public String cronExpression() {
        return "cron(" + minute + " " + hourUtc + " * * ? *)";
    }
}
