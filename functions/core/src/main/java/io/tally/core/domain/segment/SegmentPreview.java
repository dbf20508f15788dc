package io.tally.core.domain.segment;

/**
 * A size estimate of a rule before it is saved, from a random sample of the brand's profiles.
 *
 * @param matched       sampled profiles that match
 * @param sampled       profiles of the brand evaluated
 * @param matchRate     {@code matched / sampled} (0 when nothing was sampled)
 * @param estimatedSize the extrapolated number of members, or null when there is no basis to extrapolate from
 * @param basis         what the extrapolation rests on
 */
public record SegmentPreview(long matched, long sampled, double matchRate, Long estimatedSize, Basis basis) {

    /**
     * @param method            {@code complete}: every profile of the brand was evaluated, the size is exact;
     *                          {@code census}: the match rate times the brand's consumers in the latest census;
     *                          {@code scan-segments}: the match rate times the profiles found in the fully read scan
     *                          segments, scaled to the whole table; {@code none}: no estimate
     * @param population        the brand's consumers the rate was applied to, or null
     * @param censusDate        the census date used ({@code yyyy-MM-dd}), or null
     * @param scanSegmentsRead  parallel-scan segments sampled (fully or in part)
     * @param totalScanSegments parallel-scan segments the table was split into for sampling
     */
    public record Basis(String method, Long population, String censusDate, int scanSegmentsRead,
                        int totalScanSegments) {
    }
}
