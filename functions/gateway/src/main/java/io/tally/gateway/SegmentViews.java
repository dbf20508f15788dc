package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tally.core.domain.segment.MemberPage;
import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.domain.segment.SegmentExport;
import io.tally.core.domain.segment.SegmentPreview;
import io.tally.core.domain.segment.SegmentRunCounts;
import io.tally.core.domain.segment.SegmentStatus;
import io.tally.core.domain.segment.StoredSegment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the segments admin API. */
final class SegmentViews {

    private SegmentViews() {
    }

    /**
     * A segment: its definition, version and times; {@code size} and {@code lastRecompute} when read (not in the
     * answers of writes); {@code deletedAt} in the answer of a delete.
     */
    @Serdeable
    record SegmentView(String id, String name, @Nullable String description, Map<String, Object> rule, long version,
                       Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt, @Nullable Long size,
                       @Nullable RecomputeView lastRecompute) {

        static SegmentView of(StoredSegment segment) {
            return new SegmentView(segment.id(), segment.definition().name(), segment.definition().description(),
                    segment.definition().rule(), segment.version(), segment.createdAt(), segment.updatedAt(),
                    segment.deletedAt(), null, null);
        }

        static SegmentView of(SegmentStatus status) {
            SegmentView view = of(status.segment());
            return new SegmentView(view.id, view.name, view.description, view.rule, view.version, view.createdAt,
                    view.updatedAt, null, status.size(), status.lastRun() == null ? null
                    : RecomputeView.of(status.lastRun(), status.segment().id()));
        }
    }

    /** The latest full recompute that evaluated the segment's current version. */
    @Serdeable
    record RecomputeView(String runId, Instant asOf, long members, long entered, long exited) {

        static RecomputeView of(RecomputeResult result, String segmentId) {
            SegmentRunCounts counts = result.segments().get(segmentId);
            return new RecomputeView(result.runId(), result.asOf(), counts.members(), counts.entered(),
                    counts.exited());
        }
    }

    @Serdeable
    record MemberView(String consumerId, Instant enteredAt) {
    }

    @Serdeable
    record MembersView(List<MemberView> members, @Nullable String nextCursor) {

        static MembersView of(MemberPage page) {
            return new MembersView(page.members().stream().map(m -> new MemberView(m.consumerId(), m.enteredAt()))
                    .toList(), page.nextCursor());
        }
    }

    @Serdeable
    record PreviewView(long matched, long sampled, double matchRate, @Nullable Long estimatedSize, BasisView basis) {

        static PreviewView of(SegmentPreview preview) {
            SegmentPreview.Basis b = preview.basis();
            return new PreviewView(preview.matched(), preview.sampled(), preview.matchRate(),
                    preview.estimatedSize(), new BasisView(b.method(), b.population(), b.censusDate(),
                    b.scanSegmentsRead(), b.totalScanSegments()));
        }
    }

    @Serdeable
    record BasisView(String method, @Nullable Long population, @Nullable String censusDate, int scanSegmentsRead,
                     int totalScanSegments) {
    }

    @Serdeable
    record ExportView(String uri, String link, Instant linkExpires, long rows, long version) {

        static ExportView of(SegmentExport export) {
            return new ExportView(export.uri(), export.link(), export.linkExpires(), export.rows(), export.version());
        }
    }
}
