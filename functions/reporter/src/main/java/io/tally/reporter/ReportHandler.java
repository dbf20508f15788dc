package io.tally.reporter;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.tally.aws.job.JobReport;
import io.tally.aws.job.JobRequest;
import jakarta.inject.Inject;

/** Lambda entry point of the scheduled daily jobs: the report, and the lifecycle job ({@code "lifecycle"}). */
public class ReportHandler extends MicronautRequestHandler<JobRequest, JobReport> {

    @Inject
    ReportJobAdapter adapter;

    /** Used by AWS Lambda. */
    public ReportHandler() {
    }

    /** Used by the local runner and tests, sharing their application context. */
    public ReportHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public JobReport execute(JobRequest input) {
        return adapter.run(input);
    }
}
