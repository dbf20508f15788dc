package io.tally.core.service;

import io.tally.core.domain.report.ReportLocation;
import io.tally.core.port.in.DailyReportUseCase;
import io.tally.core.port.out.CensusStorePort;
import io.tally.core.port.out.ReportPublisherPort;

import java.time.LocalDate;
import java.util.Optional;

/** Publishes a date's census as the daily report. */
public class DailyReportService implements DailyReportUseCase {

    private final CensusStorePort census;
    private final ReportPublisherPort publisher;

    public DailyReportService(CensusStorePort census, ReportPublisherPort publisher) {
        this.census = census;
        this.publisher = publisher;
    }

    @Override
    public Optional<ReportLocation> publish(LocalDate date) {
        return census.loadResult(date).map(publisher::publish);
    }
}
