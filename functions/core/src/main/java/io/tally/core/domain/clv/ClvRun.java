package io.tally.core.domain.clv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A completed CLV run: later runs compare with its stored valuations when they have the same number of segments.
 *
 * @param date          the report date
 * @param asOf          the valuation instant
 * @param totalSegments parallel-scan segments the run was split into (its valuations are stored per segment)
 * @param brands        the brands fitted
 */
public record ClvRun(LocalDate date, Instant asOf, int totalSegments, List<String> brands) {

    public ClvRun {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(asOf, "asOf");
        brands = List.copyOf(brands);
    }
}
