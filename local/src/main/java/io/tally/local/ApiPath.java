package io.tally.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A gateway path and its query. Each query name and value is URL-encoded as UTF-8 (a space becomes {@code +}, which
 * the gateway decodes back to a space); a null value leaves its parameter out.
 */
final class ApiPath {

    private final StringBuilder text;
    private char separator = '?';

    private ApiPath(String path) {
        this.text = new StringBuilder(path);
    }

    /** A path without a query, e.g. {@code /v1/quarantine}. */
    static ApiPath of(String path) {
        return new ApiPath(path);
    }

    /** Adds {@code name=value} to the query unless {@code value} is null. */
    ApiPath query(String name, Object value) {
        if (value != null) {
            text.append(separator).append(encode(name)).append('=').append(encode(value.toString()));
            separator = '&';
        }
        return this;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
