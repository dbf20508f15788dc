package io.tally.gateway;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tally.aws.json.MalformedJsonException;
import io.tally.core.domain.access.AuthenticationFailedException;
import io.tally.core.domain.access.KeyNotFoundException;
import io.tally.core.domain.event.PayloadTooLargeException;
import io.tally.core.domain.event.FieldError;
import io.tally.core.domain.event.InvalidEventException;
import io.tally.core.domain.segment.ConcurrentSegmentChangeException;
import io.tally.core.domain.segment.ExportTooLargeException;
import io.tally.core.domain.segment.InvalidRuleException;
import io.tally.core.domain.segment.SegmentAlreadyExistsException;
import io.tally.core.domain.segment.SegmentNotFoundException;
import io.tally.core.port.in.ConsumerPrivacyUseCase;
import io.tally.core.port.out.QueueUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Maps every domain failure to its HTTP status and a JSON {@link ApiError}, in one place. */
@Produces
@Singleton
@Requires(classes = {RuntimeException.class, ExceptionHandler.class})
public class ApiExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<ApiError>> {

    /**
     * Seconds until the key may send again, on a {@code 429}, besides {@code Retry-After}: what analytics.js's
     * batching mode reads to time its retry.
     */
    static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";

    /** Seconds a sender should wait before retrying when the queue is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, RuntimeException exception) {
        if (exception instanceof InvalidEventException invalid) {
            return HttpResponse.badRequest(ApiError.of("invalid_event", invalid.errors()));
        }
        if (exception instanceof MalformedJsonException malformed) {
            return HttpResponse.badRequest(ApiError.malformedJson(malformed.getMessage()));
        }
        if (exception instanceof AuthenticationFailedException denied) {
            return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Basic realm=\"tally\"")
                    .body(ApiError.of("unauthorized", denied.getMessage()));
        }
        if (exception instanceof BadRequestException bad) {
            return HttpResponse.badRequest(ApiError.of("invalid_request", List.of(bad.error())));
        }
        if (exception instanceof InvalidRuleException invalid) {
            return HttpResponse.badRequest(ApiError.of("invalid_segment", invalid.errors().stream()
                    .map(e -> new FieldError(e.path(), "invalid_value", e.message())).toList()));
        }
        if (exception instanceof SegmentAlreadyExistsException || exception instanceof ConcurrentSegmentChangeException) {
            return HttpResponse.<ApiError>status(HttpStatus.CONFLICT).body(ApiError.of("conflict",
                    exception.getMessage()));
        }
        if (exception instanceof ExportTooLargeException tooLarge) {
            return HttpResponse.<ApiError>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(ApiError.of("too_large", tooLarge.getMessage()));
        }
        if (exception instanceof SegmentNotFoundException
                || exception instanceof NotFoundException || exception instanceof KeyNotFoundException
                || exception instanceof ConsumerPrivacyUseCase.ConsumerNotFoundException) {
            return HttpResponse.notFound(ApiError.of("not_found", exception.getMessage()));
        }
        if (exception instanceof PayloadTooLargeException tooLarge) {
            return HttpResponse.<ApiError>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(ApiError.of("too_large", tooLarge.getMessage()));
        }
        if (exception instanceof RateLimitedException limited) {
            return HttpResponse.<ApiError>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(limited.retryAfterSeconds()))
                    .header(RATE_LIMIT_RESET, Long.toString(limited.retryAfterSeconds()))
                    .body(ApiError.of("rate_limited", limited.getMessage()));
        }
        if (exception instanceof QueueUnavailableException unavailable) {
            LOG.warn("events not safely stored on {} {}: {}", request.getMethod(), request.getPath(),
                    unavailable.getMessage(), unavailable);
            return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                    .body(ApiError.of("queue_unavailable", "events were not queued; retry later"));
        }
        LOG.error("unexpected failure on {} {}", request.getMethod(), request.getPath(), exception);
        return HttpResponse.serverError(ApiError.unexpected());
    }
}
