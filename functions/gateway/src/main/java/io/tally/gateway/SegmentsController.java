package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.tally.gateway.SegmentViews.ExportView;
import io.tally.gateway.SegmentViews.MembersView;
import io.tally.gateway.SegmentViews.PreviewView;
import io.tally.gateway.SegmentViews.SegmentView;

import java.util.List;

/** Admin API of a brand's audience segments; every call needs the brand's admin key. */
@Controller("/v1/segments")
public class SegmentsController {

    private final SegmentsApi api;

    public SegmentsController(SegmentsApi api) {
        this.api = api;
    }

    /** Body: a definition {@code {"id", "name", "description"?, "rule"}}; plans a recompute of the brand. */
    @Post(consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public HttpResponse<SegmentView> create(HttpRequest<?> request, @Body byte[] body) {
        return HttpResponse.created(api.create(request, body));
    }

    @Get
    public List<SegmentView> list(HttpRequest<?> request) {
        return api.list(request);
    }

    /** Body {@code {"rule": {…}, "sampleSize": 1000}}: a size estimate from a random sample, nothing saved. */
    @Post(value = "/preview", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public PreviewView preview(HttpRequest<?> request, @Body byte[] body) {
        return api.preview(request, body);
    }

    @Get("/{segmentId}")
    public SegmentView get(HttpRequest<?> request, @PathVariable String segmentId) {
        return api.get(request, segmentId);
    }

    /** Body: the new definition ({@code id} may be left out); a different one is the next version. */
    @Put(value = "/{segmentId}", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public SegmentView update(HttpRequest<?> request, @PathVariable String segmentId, @Body byte[] body) {
        return api.update(request, segmentId, body);
    }

    @Delete("/{segmentId}")
    public SegmentView delete(HttpRequest<?> request, @PathVariable String segmentId) {
        return api.delete(request, segmentId);
    }

    /** {@code ?limit=} (1–1000, default 100) and {@code ?cursor=} (the previous page's {@code nextCursor}). */
    @Get("/{segmentId}/members")
    public MembersView members(HttpRequest<?> request, @PathVariable String segmentId,
                               @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        return api.members(request, segmentId, limit, cursor);
    }

    /** Writes the audience CSV to S3 and answers a presigned link to it. */
    @Post("/{segmentId}/export")
    public HttpResponse<ExportView> export(HttpRequest<?> request, @PathVariable String segmentId) {
        return HttpResponse.created(api.export(request, segmentId));
    }
}
