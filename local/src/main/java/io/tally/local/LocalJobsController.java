package io.tally.local;

import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.tally.aws.job.JobReport;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.port.in.AuthenticateUseCase;
import io.tally.gateway.ApiKeys;


/**
 * Local-only endpoint behind {@code tally run-job NAME}: {@code POST /local/jobs/{name}} with an admin key.
 * It exists only in the local runner (this module), never in the deployed gateway.
 */
@Controller("/local/jobs")
public class LocalJobsController {

    private final BeanProvider<LocalJobs> jobs;
    private final AuthenticateUseCase authenticate;

    public LocalJobsController(BeanProvider<LocalJobs> jobs, AuthenticateUseCase authenticate) {
        this.jobs = jobs;
        this.authenticate = authenticate;
    }

    /** {@code ?date=yyyy-MM-dd} runs the job for that business date, as the schedule's payload would. */
    @Post("/{name}")
    public JobReport run(HttpRequest<?> request, @PathVariable String name,
                         @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue String date) {
        authenticate.authenticate(ApiKeys.fromAuthorization(request).orElse(null), KeyRole.ADMIN);
        java.time.LocalDate day;
        try {
            day = date == null || date.isBlank() ? null : java.time.LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new io.tally.gateway.BadRequestException("date", "must be a date like 2026-11-25");
        }
        return jobs.get().runJob(name, day);
    }
}
