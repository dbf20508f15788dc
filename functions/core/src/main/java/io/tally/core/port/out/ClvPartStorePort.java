package io.tally.core.port.out;

import io.tally.core.domain.clv.ClvPart;
import io.tally.core.domain.clv.ValuationSnapshot;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Large intermediate data of the CLV job (megabytes per scan segment): the parts of a run until they are gathered,
 * and each scan segment's consumer valuations until the next runs compare with them. Every write replaces a whole
 * object keyed by run (or date) and segment, so repeating one is harmless.
 */
public interface ClvPartStorePort {

    /** Stores what scan segment {@code segment} of run {@code runId} found. */
    void savePart(String runId, int segment, ClvPart part);

    /** The segments of run {@code runId} whose parts are stored. */
    Set<Integer> storedParts(String runId);

    /**
     * The part of one segment.
     *
     * @throws IllegalStateException if it is not stored
     */
    ClvPart loadPart(String runId, int segment);

    /** Stores the valuations of segment {@code segment} of {@code totalSegments} on {@code date}. */
    void saveValuations(LocalDate date, int segment, int totalSegments, ValuationSnapshot valuations);

    /** The valuations of that segment on {@code date}, if stored (they expire after a while). */
    Optional<ValuationSnapshot> loadValuations(LocalDate date, int segment, int totalSegments);
}
