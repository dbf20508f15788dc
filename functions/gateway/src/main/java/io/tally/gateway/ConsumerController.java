package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.tally.core.port.in.ConsumerPrivacyUseCase.ErasureReport;

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

    /**
     * Looks a consumer up by one identifier: {@code userId}, {@code anonymousId}, {@code member}
     * ({@code <channel>:<id>}), {@code device}, {@code email} or {@code phone} (hashed here, never stored raw).
     */
    @Get
    public ConsumerView find(HttpRequest<?> request, @Nullable @QueryValue String userId,
                             @Nullable @QueryValue String anonymousId, @Nullable @QueryValue String member,
                             @Nullable @QueryValue String device, @Nullable @QueryValue String email,
                             @Nullable @QueryValue String phone) {
        return api.find(request, userId, anonymousId, member, device, email, phone);
    }

    /** Body {@code {"purpose": "marketing", "channel": "sms", "granted": false}}; channel {@code *} for all. */
    @Put(value = "/{consumerId}/consent", consumes = MediaType.ALL, processes = MediaType.APPLICATION_JSON)
    public ConsumerView consent(HttpRequest<?> request, @PathVariable String consumerId, @Body byte[] body) {
        return api.consent(request, consumerId, body);
    }

    /** Erases the consumer and reports what was removed. */
    @Delete("/{consumerId}")
    public ErasureReport erase(HttpRequest<?> request, @PathVariable String consumerId) {
        return api.erase(request, consumerId);
    }
}
