package io.tally.core.domain.census;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A finished census: every brand's head-count on {@code date}, gathered from all scan segments.
 *
 * @param date       business date
 * @param asOf       instant activity windows were measured from
 * @param segments   scan segments gathered
 * @param byBrand    brand → census
 */
public record CensusResult(LocalDate date, Instant asOf, int segments, Map<String, BrandCensus> byBrand) {

    public CensusResult {
        byBrand = Map.copyOf(byBrand);
    }
}
