package io.tally.local;

import io.tally.aws.job.JobReport;

/** Runs a scheduled job on demand in the local stack. */
public interface LocalJobs {

    JobReport runJob(String job);

    /** Runs {@code job} for business date {@code date} (today when null), as a schedule payload with a date. */
    JobReport runJob(String job, java.time.LocalDate date);
}
