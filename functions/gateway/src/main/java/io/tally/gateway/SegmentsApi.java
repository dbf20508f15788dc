package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.tally.aws.json.EventCodec;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.segment.InvalidCursorException;
import io.tally.core.port.in.ManageSegmentsUseCase;
import io.tally.core.port.in.SegmentAudienceUseCase;
import io.tally.gateway.SegmentViews.ExportView;
import io.tally.gateway.SegmentViews.MembersView;
import io.tally.gateway.SegmentViews.PreviewView;
import io.tally.gateway.SegmentViews.SegmentView;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The web adapter of segments: admin key → brand, JSON → maps, then the segment use cases. */
@Singleton
public class SegmentsApi {

    /** Members per page when {@code limit} is not given, and at most. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** Profiles a preview samples when {@code sampleSize} is not given, and at most. */
    static final int DEFAULT_SAMPLE = 1000;
    static final int MAX_SAMPLE = 10_000;
    private static final Set<String> PREVIEW_KEYS = Set.of("rule", "sampleSize");

    private final AdminAccess access;
    private final ManageSegmentsUseCase segments;
    private final SegmentAudienceUseCase audiences;
    private final EventCodec codec;

    public SegmentsApi(AdminAccess access, ManageSegmentsUseCase segments, SegmentAudienceUseCase audiences,
                       EventCodec codec) {
        this.access = access;
        this.segments = segments;
        this.audiences = audiences;
        this.codec = codec;
    }

    public SegmentView create(HttpRequest<?> request, byte[] body) {
        Principal admin = access.admin(request);
        return SegmentView.of(segments.create(admin.brandId(), codec.parseObject(body)));
    }

    public List<SegmentView> list(HttpRequest<?> request) {
        Principal admin = access.admin(request);
        return segments.list(admin.brandId()).stream().map(SegmentView::of).toList();
    }

    public SegmentView get(HttpRequest<?> request, String segmentId) {
        Principal admin = access.admin(request);
        return SegmentView.of(segments.get(admin.brandId(), segmentId));
    }

    public SegmentView update(HttpRequest<?> request, String segmentId, byte[] body) {
        Principal admin = access.admin(request);
        return SegmentView.of(segments.update(admin.brandId(), segmentId, codec.parseObject(body)));
    }

    public SegmentView delete(HttpRequest<?> request, String segmentId) {
        Principal admin = access.admin(request);
        return SegmentView.of(segments.delete(admin.brandId(), segmentId));
    }

    @SuppressWarnings("unchecked")
    public PreviewView preview(HttpRequest<?> request, byte[] body) {
        Principal admin = access.admin(request);
        Map<String, Object> json = codec.parseObject(body);
        json.keySet().stream().filter(key -> !PREVIEW_KEYS.contains(key)).findFirst().ifPresent(key -> {
            throw new BadRequestException(key, "unknown key; allowed: rule, sampleSize");
        });
        Object rule = json.get("rule");
        if (!(rule instanceof Map<?, ?>)) {
            throw new BadRequestException("rule", rule == null ? "is required" : "must be an object");
        }
        int sampleSize = DEFAULT_SAMPLE;
        Object size = json.get("sampleSize");
        if (size != null) {
            if (!(size instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                    || number.doubleValue() < 1 || number.doubleValue() > MAX_SAMPLE) {
                throw new BadRequestException("sampleSize", "must be a whole number from 1 to " + MAX_SAMPLE);
            }
            sampleSize = number.intValue();
        }
        return PreviewView.of(segments.preview(admin.brandId(), (Map<String, Object>) rule, sampleSize));
    }

    public MembersView members(HttpRequest<?> request, String segmentId, String limit, String cursor) {
        Principal admin = access.admin(request);
        int pageSize = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                pageSize = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                pageSize = -1;
            }
            if (pageSize < 1 || pageSize > MAX_LIMIT) {
                throw new BadRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        try {
            return MembersView.of(audiences.members(admin.brandId(), segmentId, pageSize,
                    cursor == null || cursor.isBlank() ? null : cursor));
        } catch (InvalidCursorException e) {
            throw new BadRequestException("cursor", "must be the nextCursor of an earlier page");
        }
    }

    public ExportView export(HttpRequest<?> request, String segmentId) {
        Principal admin = access.admin(request);
        return ExportView.of(audiences.export(admin.brandId(), segmentId));
    }
}
