package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

/** Admin API over consumer profiles; every call needs the brand's admin key. */
@Controller("/v1/consumers")
public class ConsumerController {

    private final ConsumerApi api;

    public ConsumerController(ConsumerApi api) {
        this.api = api;
    }

    @Get("/{consumerId}")
    public ConsumerView get(HttpRequest<?> request, @PathVariable String consumerId) {
        return api.get(request, consumerId);
    }

    /** Looks a consumer up by the identifier a channel knows them by: {@code ?userId=} or {@code ?anonymousId=}. */
    @Get
    public ConsumerView find(HttpRequest<?> request, @Nullable @QueryValue String userId,
                             @Nullable @QueryValue String anonymousId) {
        return api.find(request, userId, anonymousId);
    }
}
