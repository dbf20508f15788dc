package io.tally.gateway;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.web.router.UriRouteMatch;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The body of every answer Micronaut makes itself rather than through {@link ApiExceptionHandler}: no route for the
 * path ({@code 404 not_found}), a method the path does not take ({@code 405 method_not_allowed}, with
 * {@code Allow}), a {@code Content-Type} ({@code 415 unsupported_media_type}) or an {@code Accept} header
 * ({@code 406 not_acceptable}) no route of the path takes, and what Micronaut's own exception handlers answer: a
 * missing or unreadable body ({@code 400 malformed_json}, field {@code $}), another bad request
 * ({@code 400 invalid_request}), a body over the server's limit ({@code 413 too_large}), a failure
 * ({@code 500 internal_error}, its details only in Micronaut's log). It is the same {@link ApiError} as every other
 * error, always JSON, whatever the {@code Accept} header.
 *
 * <p>Micronaut's default processor (HATEOAS JSON with {@code _links} and {@code _embedded}, or an HTML page for a
 * client that prefers HTML) is only created when no other {@link ErrorResponseProcessor} exists, so this bean
 * replaces it, in Lambda and in the local HTTP server alike. Micronaut still chooses the status and the headers;
 * only the methods of {@code Allow} are put in a stable order, the one the message names them in.
 */
@Singleton
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

    private final Router router;

    public ApiErrorResponseProcessor(Router router) {
        this.router = router;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        MutableHttpResponse<ApiError> answer = (MutableHttpResponse<ApiError>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return answer; // an answer to HEAD has no body
        }
        return answer.contentType(MediaType.APPLICATION_JSON_TYPE).body(error(context, answer));
    }

    private ApiError error(ErrorContext context, MutableHttpResponse<ApiError> response) {
        HttpRequest<?> request = context.getRequest();
        String method = request.getMethodName();
        String path = request.getPath();
        Throwable cause = context.getRootCause().orElse(null);
        boolean noRoute = cause == null || cause instanceof io.micronaut.http.server.exceptions.NotFoundException;
        return switch (response.status()) {
            case NOT_FOUND -> ApiError.of("not_found", noRoute
                    ? "no route " + method + " " + path + "; see " + OpenApiController.PATH : message(context));
            case METHOD_NOT_ALLOWED -> ApiError.of("method_not_allowed",
                    method + " is not allowed on " + path + "; allowed: " + allow(response));
            case UNSUPPORTED_MEDIA_TYPE -> ApiError.of("unsupported_media_type", method + " " + path
                    + " does not take a " + request.getContentType().map(MediaType::getName).orElse("")
                    + " body; it takes " + declared(request, UriRouteInfo::getConsumes));
            case NOT_ACCEPTABLE -> ApiError.of("not_acceptable", method + " " + path + " answers "
                    + declared(request, UriRouteInfo::getProduces) + ", which the Accept header ("
                    + names(request.accept()) + ") does not allow");
            case REQUEST_ENTITY_TOO_LARGE -> ApiError.of("too_large", message(context));
            default -> {
                if (response.code() >= 500) {
                    yield ApiError.unexpected();
                }
                if (cause instanceof CodecException || cause instanceof UnsatisfiedBodyRouteException) {
                    yield ApiError.malformedJson(request.getContentLength() > 0
                            ? "the body is not a valid JSON object: " + message(context)
                            : "the body is empty; send a JSON object");
                }
                yield ApiError.of("invalid_request", message(context));
            }
        };
    }

    /** The methods of the response's {@code Allow} header, in a stable order, which the header then lists too. */
    private static String allow(MutableHttpResponse<ApiError> response) {
        String methods = response.getHeaders().getAll(HttpHeaders.ALLOW).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(method -> !method.isEmpty())
                .distinct()
                .sorted(Comparator.comparing(HttpMethod::parse).thenComparing(Function.identity()))
                .collect(Collectors.joining(", "));
        response.getHeaders().set(HttpHeaders.ALLOW, methods);
        return methods;
    }

    /** The media types the routes of the request's path declare (those of the request's method, if it has any). */
    private String declared(HttpRequest<?> request, Function<UriRouteInfo<?, ?>, List<MediaType>> types) {
        List<UriRouteInfo<?, ?>> routes = router.findAny(request).stream()
                .<UriRouteInfo<?, ?>>map(UriRouteMatch::getRouteInfo).toList();
        List<UriRouteInfo<?, ?>> sameMethod = routes.stream()
                .filter(route -> route.getHttpMethodName().equals(request.getMethodName())).toList();
        return names((sameMethod.isEmpty() ? routes : sameMethod).stream().flatMap(route -> types.apply(route).stream())
                .toList());
    }

    private static String names(Collection<MediaType> types) {
        return types.stream().map(MediaType::getName).distinct().sorted().collect(Collectors.joining(", "));
    }

    private static String message(ErrorContext context) {
        return context.getErrors().isEmpty() ? "the request was refused" : context.getErrors().get(0).getMessage();
    }
}
