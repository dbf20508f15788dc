package io.tally.catalog;

import java.util.List;

/**
 * The HTTP API's cross-origin (CORS) policy. API Gateway applies it in AWS: it answers preflights itself and adds
 * the headers to every answer. The gateway's own filter applies the same policy locally (and to anything that
 * reaches the function directly). Browsers call the API from other origins: analytics.js posts from the brand's
 * web store.
 *
 * @param allowOrigins   origins whose scripts may call the API; {@code *} for any
 * @param allowMethods   methods a preflight may ask for (GET, HEAD and POST need none)
 * @param allowHeaders   request headers a preflight may ask for; {@code *} for any other besides those named
 *                       (the Fetch standard never lets {@code *} cover {@code Authorization})
 * @param exposeHeaders  response headers scripts may read besides the safelisted ones
 * @param maxAgeSeconds  how long a browser may reuse a preflight's answer (browsers cap it, Chromium at 2 hours)
 */
public record CorsSpec(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, int maxAgeSeconds) {

    /** The wildcard of {@link #allowOrigins} and {@link #allowHeaders}. */
    public static final String ANY = "*";

    public CorsSpec {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Whether scripts of every origin may call the API. */
    public boolean anyOrigin() {
        return allowOrigins.contains(ANY);
    }

    /** Whether a preflight may ask for any request header. */
    public boolean anyHeader() {
        return allowHeaders.contains(ANY);
    }
}
