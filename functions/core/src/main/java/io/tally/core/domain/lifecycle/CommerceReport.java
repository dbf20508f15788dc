package io.tally.core.domain.lifecycle;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A brand's commerce per order day over a range, and its annual active consumers.
 *
 * @param days             one entry per day of [{@code from}, {@code to}], empty days included
 * @param annualActive     AAC from the census of {@code to}; null without one
 * @param annualActiveAsOf the census day, or null
 */
public record CommerceReport(String brandId, LocalDate from, LocalDate to, List<Day> days, Long annualActive,
                             LocalDate annualActiveAsOf) {

    /** One order day: over every channel, and per channel. */
    public record Day(LocalDate date, DailyMetrics total, Map<String, DailyMetrics> channels) {
    }
}
