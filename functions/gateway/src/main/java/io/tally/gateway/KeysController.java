package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Post;

import java.util.List;

/** Admin API of a brand's channel write keys: list, create, rotate (with a grace period), revoke. */
@Controller("/v1/admin/keys")
public class KeysController {

    private final KeysApi api;

    public KeysController(KeysApi api) {
        this.api = api;
    }

    @Get
    public List<KeyView> list(HttpRequest<?> request) {
        return api.list(request);
    }

    /** Body {@code {"channel": "web"}}; answers the new key once. */
    @Post(consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public HttpResponse<KeyView> create(HttpRequest<?> request, @Body byte[] body) {
        return HttpResponse.created(api.create(request, body));
    }

    /** {@code ?graceSeconds=}: how long the old key keeps working (default one day). */
    @Post("/{keyId}/rotate")
    public HttpResponse<KeyView> rotate(HttpRequest<?> request, @PathVariable String keyId,
                                        @Nullable @QueryValue String graceSeconds) {
        return HttpResponse.created(api.rotate(request, keyId, graceSeconds));
    }

    @Delete("/{keyId}")
    public KeyView revoke(HttpRequest<?> request, @PathVariable String keyId) {
        return api.revoke(request, keyId);
    }
}
