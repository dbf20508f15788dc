package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.tally.core.domain.event.EventType;

/**
 * Segment HTTP Tracking API: {@code POST /v1/{identify,track,page,screen,group,alias,batch,import}}, and the short
 * paths the browser SDK (analytics.js) posts to, the call type's first letter: {@code /v1/{i,t,p,s,g,a}} and
 * {@code /v1/b} for its batches. Every route takes any {@code Content-Type} (or none) and reads the body as JSON:
 * analytics.js sends {@code text/plain}, so that the browser needs no preflight.
 */
@Controller("/v1")
public class TrackingController {

    private final TrackingApi api;

    public TrackingController(TrackingApi api) {
        this.api = api;
    }

    @Post(uris = {"/identify", "/i"}, consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse identify(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.IDENTIFY, request, body);
    }

    @Post(uris = {"/track", "/t"}, consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse track(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.TRACK, request, body);
    }

    @Post(uris = {"/page", "/p"}, consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse page(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.PAGE, request, body);
    }

    @Post(uris = {"/screen", "/s"}, consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse screen(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.SCREEN, request, body);
    }

    @Post(uris = {"/group", "/g"}, consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse group(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.GROUP, request, body);
    }

    @Post(uris = {"/alias", "/a"}, consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse alias(HttpRequest<?> request, @Body byte[] body) {
        return api.single(EventType.ALIAS, request, body);
    }

    @Post(uris = {"/batch", "/b"}, consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse batch(HttpRequest<?> request, @Body byte[] body) {
        return api.batch(request, body);
    }

    /** The path Segment's server-side SDKs post their batches to; Micronaut also matches {@code /v1/import/}. */
    @Post(value = "/import", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public IngestResponse importBatch(HttpRequest<?> request, @Body byte[] body) {
        return api.batch(request, body);
    }
}
