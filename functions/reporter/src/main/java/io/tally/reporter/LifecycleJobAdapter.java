package io.tally.reporter;

import io.tally.aws.job.JobReport;
import io.tally.aws.job.JobRequest;
import io.tally.core.port.in.LifecycleUseCase;
import io.tally.core.port.in.LifecycleUseCase.DailyRun;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/** Translates the scheduled {@code lifecycle} invocation into {@link LifecycleUseCase#runDaily}. */
@Singleton
public class LifecycleJobAdapter {

    /** The job name in the schedule's payload. */
    public static final String JOB = "lifecycle";
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleJobAdapter.class);

    private final LifecycleUseCase lifecycle;
    private final Clock clock;

    public LifecycleJobAdapter(LifecycleUseCase lifecycle, Clock clock) {
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public JobReport run(JobRequest request) {
        LocalDate today = request.businessDate(clock);
        DailyRun run = lifecycle.runDaily(today);
        LOG.info("lifecycle job of {}: {} brands, {} consumers reviewed, {} changed, {} rolled up", today,
                run.brands().size(), run.reviewed(), run.changed(), run.rolledUp());
        return new JobReport(request.job(), "completed", null, Map.of("date", today.toString(),
                "brands", run.brands(), "reviewed", run.reviewed(), "changed", run.changed(),
                "membershipsLeft", run.membershipsLeft(), "rolledUp", run.rolledUp().toString(),
                "flows", run.rolledUpFlows()));
    }
}
