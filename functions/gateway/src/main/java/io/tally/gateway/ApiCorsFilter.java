package io.tally.gateway;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsFilter;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.web.router.Router;
import io.tally.catalog.CorsSpec;
import io.tally.catalog.TallyCatalog;

import java.util.Map;

/**
 * The HTTP API's CORS policy ({@link TallyCatalog#HTTP_API_CORS}) on Micronaut's CORS filter, so that the local
 * server answers browsers as API Gateway does in AWS: a preflight of a route that exists is answered {@code 200}
 * with the method asked for, the headers asked for, {@code Access-Control-Max-Age} and
 * {@code Access-Control-Allow-Origin: *}; every answer to a cross-origin request, errors included, carries
 * {@code Access-Control-Allow-Origin: *} and {@code Access-Control-Expose-Headers}.
 *
 * <p>The policy comes from the catalog, not from {@code micronaut.server.cors.*}, so the two stacks cannot drift
 * apart; of Micronaut's settings only {@code micronaut.server.cors.localhost-pass-through} is read, which the local
 * runner turns on (a store's page on any origin may post to a Tally on the developer's machine, as it may to the
 * deployed one). Micronaut answers an allowed origin with the origin itself; with any origin allowed and no
 * credentials this filter answers {@code *}, as API Gateway does. Micronaut's default of allowing private-network
 * access stays: Chromium sends such a preflight before a public page's request to a Tally on the loopback address.
 */
@Replaces(CorsFilter.class)
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public class ApiCorsFilter extends CorsFilter {

    private final boolean anyOrigin;

    public ApiCorsFilter(HttpServerConfiguration.CorsConfiguration server, @Nullable HttpHostResolver hosts,
                         Router router) {
        super(configuration(TallyCatalog.HTTP_API_CORS, server.isLocalhostPassThrough()), hosts, router);
        this.anyOrigin = TallyCatalog.HTTP_API_CORS.anyOrigin();
    }

    /** Micronaut's CORS settings for {@code spec}: one origin configuration, headers in single comma lists. */
    static HttpServerConfiguration.CorsConfiguration configuration(CorsSpec spec, boolean localhostPassThrough) {
        CorsOriginConfiguration api = new CorsOriginConfiguration(); // any origin and any header by default
        if (!spec.anyOrigin()) {
            api.setAllowedOrigins(spec.allowOrigins());
        }
        if (!spec.anyHeader()) {
            api.setAllowedHeaders(spec.allowHeaders());
        }
        api.setAllowedMethods(spec.allowMethods().stream().map(HttpMethod::parse).toList());
        api.setExposedHeaders(spec.exposeHeaders());
        api.setAllowCredentials(false);
        api.setMaxAge((long) spec.maxAgeSeconds());
        HttpServerConfiguration.CorsConfiguration cors = new HttpServerConfiguration.CorsConfiguration();
        cors.setEnabled(true);
        cors.setSingleHeader(true);
        cors.setLocalhostPassThrough(localhostPassThrough);
        cors.setConfigurations(Map.of("api", api));
        return cors;
    }

    @Override
    protected void setOrigin(@Nullable String origin, MutableHttpResponse<?> response) {
        if (origin != null && anyOrigin) {
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CorsSpec.ANY);
        } else {
            super.setOrigin(origin, response);
        }
    }

    /** With {@code *} the answer does not depend on the origin, so caches need not keep one per origin. */
    @Override
    protected void setVary(MutableHttpResponse<?> response) {
        if (!anyOrigin) {
            super.setVary(response);
        }
    }
}
