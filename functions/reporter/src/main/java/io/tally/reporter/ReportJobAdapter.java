package io.tally.reporter;

import io.tally.aws.job.JobReport;
import io.tally.aws.job.JobRequest;
import io.tally.core.port.in.DailyReportUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * Translates the reporter's scheduled invocations into use cases: {@code lifecycle} to the lifecycle job
 * ({@link LifecycleJobAdapter}), anything else to the daily report ({@link DailyReportUseCase}).
 */
@Singleton
public class ReportJobAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ReportJobAdapter.class);

    private final DailyReportUseCase reports;
    private final LifecycleJobAdapter lifecycle;
    private final Clock clock;

    public ReportJobAdapter(DailyReportUseCase reports, LifecycleJobAdapter lifecycle, Clock clock) {
        this.reports = reports;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public JobReport run(JobRequest request) {
        if (LifecycleJobAdapter.JOB.equals(request.job())) {
            return lifecycle.run(request);
        }
        LocalDate date = request.businessDate(clock);
        return reports.publish(date).map(location -> {
            LOG.info("daily report of {} published at {}", date, location.uri());
            return new JobReport(request.job(), "published", location.link(),
                    Map.<String, Object>of("date", date.toString(), "uri", location.uri(),
                            "linkExpires", location.linkExpires().toString()));
        }).orElseGet(() -> {
            LOG.warn("no census for {} yet; daily report skipped", date);
            return new JobReport(request.job(), "skipped", null,
                    Map.of("date", date.toString(), "reason", "no census for this date yet; run the census job first"));
        });
    }
}
