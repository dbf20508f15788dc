package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.tally.core.domain.event.EventType;

/** Segment HTTP Tracking API: {@code POST /v1/{identify,track,page,screen,group,alias,batch,import}}. */
@Controller("/v1")
public class TrackingController {

    private final TrackingApi api;

    public TrackingController(TrackingApi api) {
        this.api = api;
    }

    @Post(value = "/identify", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse identify(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.IDENTIFY, request, body);
    }

    @Post(value = "/track", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse track(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.TRACK, request, body);
    }

    @Post(value = "/page", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse page(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.PAGE, request, body);
    }

    @Post(value = "/screen", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse screen(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.SCREEN, request, body);
    }

    @Post(value = "/group", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse group(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.GROUP, request, body);
    }

    @Post(value = "/alias", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse alias(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.ALIAS, request, body);
    }

    @Post(value = "/batch", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse batch(HttpRequest<?> request, @Body byte[] body) {
        return api.batch(request, body);
    }

    /** The path Segment's server-side SDKs post their batches to; Micronaut also matches {@code /v1/import/}. */
    @Post(value = "/import", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse importBatch(HttpRequest<?> request, @Body byte[] body) {
        return api.batch(request, body);
    }
}
