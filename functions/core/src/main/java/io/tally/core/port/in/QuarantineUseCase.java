package io.tally.core.port.in;

import io.tally.core.domain.quarantine.QuarantineBatch;
import io.tally.core.domain.quarantine.ReplayOutcome;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Looks into a brand's quarantine and replays it after a fix. */
public interface QuarantineUseCase {

    Map<String, Long> counts(String brandId, LocalDate date);

    List<QuarantineBatch> list(String brandId, LocalDate date, String reason);

    /**
     * Re-reads every quarantined event of the date (and reason, if given) with today's rules: events that are
     * valid now are queued under their original channel; the rest stay quarantined with their current errors.
     * Replaying again is harmless: replayed events leave the quarantine and carry their message id.
     */
    List<ReplayOutcome> replay(String brandId, LocalDate date, String reason);
}
