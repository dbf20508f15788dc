package io.tally.core.port.out;

import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** Partial and final census results. Every write is a whole-item put, so repeating one is harmless. */
public interface CensusStorePort {

    /** Stores the result of one scan segment of a run (overwriting an earlier attempt of the same segment). */
    void savePart(String runId, int segment, Map<String, BrandCensus> part);

    /** Every stored part of a run, by segment. */
    Map<Integer, Map<String, BrandCensus>> loadParts(String runId);

    void saveResult(CensusResult result);

    Optional<CensusResult> loadResult(LocalDate date);
}
