package io.tally.segmenter;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tally.aws.job.JobReport;
import io.tally.aws.job.JobRequest;
import io.tally.aws.sqs.SqsScanTaskQueue.ScanTaskMessage;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.port.in.CensusUseCase;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Translates scheduled invocations and scan-task batches into {@link CensusUseCase}. */
@Singleton
public class CensusJobAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(CensusJobAdapter.class);

    private final CensusUseCase census;
    private final JsonMapper json;
    private final Clock clock;

    public CensusJobAdapter(CensusUseCase census, JsonMapper json, Clock clock) {
        this.census = census;
        this.json = json;
        this.clock = clock;
    }

    public JobReport plan(JobRequest request) {
        LocalDate date = request.date() != null ? LocalDate.parse(request.date()) : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int tasks = census.plan(date);
        LOG.info("census of {} planned as {} scan tasks", date, tasks);
        return new JobReport(request.job(), "planned", null, Map.of("date", date.toString(), "scanTasks", tasks));
    }

    public SQSBatchResponse work(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                ScanTaskMessage task = json.readValue(message.getBody(), ScanTaskMessage.class);
                Optional<CensusResult> result = census.work(task.toTask());
                result.ifPresent(r -> LOG.info("census of {} gathered from {} segments: {} brands", r.date(),
                        r.segments(), r.byBrand().size()));
            } catch (IOException | RuntimeException e) {
                LOG.error("scan task {} failed and will be retried", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
