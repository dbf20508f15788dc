package io.tally.core.port.in;

import io.tally.core.domain.census.CensusResult;
import io.tally.core.domain.census.ScanTask;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The daily census of every brand's consumer base, as a scatter-gather job: {@link #plan} splits the consumer
 * table into parallel-scan segments and queues one task each; {@link #work} counts one segment, stores its
 * part and, when it holds the last missing part, gathers the result. Any step can run again harmlessly.
 */
public interface CensusUseCase {

    /** @return the tasks queued */
    int plan(LocalDate date);

    /** @return the gathered result if this task completed the run */
    Optional<CensusResult> work(ScanTask task);
}
