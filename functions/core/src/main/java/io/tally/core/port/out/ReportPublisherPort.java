package io.tally.core.port.out;

import io.tally.core.domain.census.CensusResult;
import io.tally.core.domain.report.ReportLocation;

/** Renders and stores the daily report; the same date always goes to the same place (re-publishing replaces it). */
public interface ReportPublisherPort {

    ReportLocation publish(CensusResult census);
}
