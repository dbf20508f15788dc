package io.tally.segmenter;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.tally.aws.job.JobReport;
import io.tally.aws.job.JobRequest;
import jakarta.inject.Inject;

/** Lambda entry point of the segmenter's schedules (census, segments): plans the scan tasks of the named job. */
public class CensusPlannerHandler extends MicronautRequestHandler<JobRequest, JobReport> {

    @Inject
    ScanJobAdapter adapter;

    /** Used by AWS Lambda. */
    public CensusPlannerHandler() {
    }

    /** Used by the local runner and tests, sharing their application context. */
    public CensusPlannerHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public JobReport execute(JobRequest input) {
        return adapter.plan(input);
    }
}
