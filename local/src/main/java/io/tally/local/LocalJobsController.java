package io.tally.local;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.tally.aws.job.JobReport;
import io.tally.gateway.AdminAccess;

/**
 * Local-only endpoint behind {@code tally run-job NAME}: {@code POST /local/jobs/{name}} with an admin key.
 * It exists only in the local runner (this module), never in the deployed gateway.
 */
@Controller("/local/jobs")
public class LocalJobsController {

    private final BeanProvider<LocalJobs> jobs;
    private final AdminAccess access;

    public LocalJobsController(BeanProvider<LocalJobs> jobs, AdminAccess access) {
        this.jobs = jobs;
        this.access = access;
    }

    /** {@code ?date=yyyy-MM-dd} runs the job for that business date, as the schedule's payload would. */
    @Post("/{name}")
    public JobReport run(HttpRequest<?> request, @PathVariable String name, @Nullable @QueryValue String date) {
        access.admin(request);
        return jobs.get().runJob(name, date == null || date.isBlank() ? null : access.date("date", date));
    }
}
