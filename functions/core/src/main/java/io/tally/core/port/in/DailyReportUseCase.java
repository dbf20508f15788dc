package io.tally.core.port.in;

import io.tally.core.domain.report.ReportLocation;

import java.time.LocalDate;
import java.util.Optional;

/** Publishes the daily report of a date from that date's census. */
public interface DailyReportUseCase {

    /** @return where the report is, or empty when no census exists for {@code date} yet */
    Optional<ReportLocation> publish(LocalDate date);
}
