package io.tally.local;

import io.tally.aws.job.JobReport;

/** Runs a scheduled job on demand in the local stack. */
public interface LocalJobs {

    JobReport runJob(String job);
}
