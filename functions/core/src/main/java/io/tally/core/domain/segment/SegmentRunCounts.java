package io.tally.core.domain.segment;

/**
 * What a recompute found for one segment: in one scan segment (a part) or in the whole table (the gathered result).
 *
 * @param version the definition version evaluated
 * @param members consumers matching it at the run's evaluation instant
 * @param entered memberships the run recorded (new members, or members of an older version)
 * @param exited  memberships the run removed (no longer matching, superseded, deleted segment or consumer)
 */
public record SegmentRunCounts(long version, long members, long entered, long exited) {

    /** The sum of two parts of the same version (the higher version wins if they differ). */
    public SegmentRunCounts plus(SegmentRunCounts other) {
        return new SegmentRunCounts(Math.max(version, other.version), members + other.members,
                entered + other.entered, exited + other.exited);
    }
}
