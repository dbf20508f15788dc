package io.tally.segmenter;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.json.JsonMapper;
import io.tally.aws.job.JobReport;
import io.tally.aws.job.JobRequest;
import io.tally.aws.sqs.SqsScanTaskQueue.ScanTaskMessage;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.domain.segment.RecomputePlan;
import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.port.in.CensusUseCase;
import io.tally.core.port.in.ConsumerAssetJobUseCase;
import io.tally.core.port.in.RecomputeSegmentsUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates scheduled invocations and scan-task batches of the scatter-gather jobs into their use cases: the census
 * ({@link CensusUseCase}), the full segment recompute ({@link RecomputeSegmentsUseCase}) and the CLV job
 * ({@link ConsumerAssetJobUseCase}). Scan tasks say which job they belong to in their {@code kind}.
 */
@Singleton
public class ScanJobAdapter {

    /** Job name of the census. */
    public static final String CENSUS = "census";
    /** Job name of the full segment recompute. */
    public static final String SEGMENTS = "segments";
    /** Job name of the CLV job: fits per brand, consumer asset and its change. */
    public static final String CLV = "clv";

    private static final Logger LOG = LoggerFactory.getLogger(ScanJobAdapter.class);

    private final CensusUseCase census;
    private final RecomputeSegmentsUseCase segments;
    private final ConsumerAssetJobUseCase clv;
    private final JsonMapper json;
    private final Clock clock;

    public ScanJobAdapter(CensusUseCase census, RecomputeSegmentsUseCase segments, ConsumerAssetJobUseCase clv,
                          JsonMapper json, Clock clock) {
        this.census = census;
        this.segments = segments;
        this.clv = clv;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Plans the named job: {@code census} or {@code clv} (for {@code date}, default today UTC), or {@code segments}
     * (every brand).
     *
     * @throws IllegalArgumentException for any other job
     */
    public JobReport plan(JobRequest request) {
        if (SEGMENTS.equals(request.job())) {
            RecomputePlan plan = segments.plan(null);
            LOG.info("segment recompute {} planned as {} scan tasks", plan.runId(), plan.tasks());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("runId", plan.runId());
            details.put("asOf", plan.asOf().toString());
            details.put("scanTasks", plan.tasks());
            return new JobReport(request.job(), "planned", null, details);
        }
        if (!CENSUS.equals(request.job()) && !CLV.equals(request.job())) {
            throw new IllegalArgumentException("the segmenter runs the jobs census, segments and clv, not '"
                    + request.job() + "'");
        }
        LocalDate date = request.businessDate(clock);
        if (CLV.equals(request.job())) {
            ConsumerAssetJobUseCase.Plan plan = clv.plan(date);
            LOG.info("clv run {} of {} planned as {} scan tasks (previous run {}, flows base {})", plan.runId(),
                    date, plan.tasks(), plan.previousDate(), plan.flowsBaseDate());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("runId", plan.runId());
            details.put("date", date.toString());
            details.put("asOf", plan.asOf().toString());
            details.put("scanTasks", plan.tasks());
            details.put("previousDate", plan.previousDate() == null ? null : plan.previousDate().toString());
            details.put("flowsBaseDate", plan.flowsBaseDate() == null ? null : plan.flowsBaseDate().toString());
            return new JobReport(request.job(), "planned", null, details);
        }
        int tasks = census.plan(date);
        LOG.info("census of {} planned as {} scan tasks", date, tasks);
        return new JobReport(request.job(), "planned", null, Map.of("date", date.toString(), "scanTasks", tasks));
    }

    /** Works each scan task of the batch; reports the failed ones so only they are retried. */
    public SQSBatchResponse work(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                ScanTaskMessage task = json.readValue(message.getBody(), ScanTaskMessage.class);
                if (task.clv()) {
                    clv.work(task.toClvTask()).ifPresent(this::logGathered);
                } else if (task.segments()) {
                    List<RecomputeResult> results = segments.work(task.toRecomputeTask());
                    if (!results.isEmpty()) {
                        LOG.info("segment recompute {} gathered from {} segments: {} brands", task.runId(),
                                task.totalSegments(), results.size());
                    }
                } else {
                    Optional<CensusResult> result = census.work(task.toTask());
                    result.ifPresent(r -> LOG.info("census of {} gathered from {} segments: {} brands", r.date(),
                            r.segments(), r.byBrand().size()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("scan task {} failed and will be retried", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void logGathered(ConsumerAssetJobUseCase.Gathered gathered) {
        LOG.info("clv run of {} gathered from {} segments: {} brands fitted, {} assets stored", gathered.run().date(),
                gathered.run().totalSegments(), gathered.fits().size(), gathered.assets().size());
        gathered.fits().stream().filter(fit -> !fit.converged()).forEach(fit -> LOG.warn(
                "clv fit of {} on {} did not converge and will not be used: {}; BG/NBD {}, Gamma-Gamma {}",
                fit.brandId(), fit.date(), fit.problem() == null ? "stopped early" : fit.problem(),
                fit.purchases() == null ? "not run" : fit.purchases().diagnostics(),
                fit.spend() == null ? "not run" : fit.spend().diagnostics()));
    }
}
