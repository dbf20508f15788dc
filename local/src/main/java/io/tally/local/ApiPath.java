package io.tally.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A gateway path and its query. Each path {@linkplain #segment segment} (an id or a name) is percent-encoded as one
 * segment: everything but letters, digits and {@code - . _ ~} becomes UTF-8 {@code %XX}, so a space is {@code %20} and
 * a slash {@code %2F}, and the gateway reads the segment back as it was typed. Each query name and value is
 * URL-encoded as UTF-8 (a space becomes {@code +}, which the gateway decodes back to a space); a null value leaves
 * its parameter out.
 */
final class ApiPath {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder text;
    private char separator = '?';

    private ApiPath(String path) {
        this.text = new StringBuilder(path);
    }

    /** A fixed path without a query, e.g. {@code /v1/quarantine}; ids are added with {@link #segment}. */
    static ApiPath of(String path) {
        return new ApiPath(path);
    }

    /**
     * Adds {@code /value}, percent-encoded as one path segment; {@code .} and {@code ..} are encoded whole, so they
     * stay ids instead of moving up the path.
     *
     * @throws CliFailure if {@code value} is empty: it would name the collection instead of one of its items
     */
    ApiPath segment(String value) {
        if (separator != '?') {
            throw new IllegalStateException("path segment '" + value + "' added after the query of " + text);
        }
        if (value.isEmpty()) {
            throw new CliFailure("an id cannot be empty");
        }
        boolean dots = value.equals(".") || value.equals("..");
        text.append('/');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (!dots && unreserved(c)) {
                text.append(c);
            } else {
                text.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return this;
    }

    /** Adds {@code name=value} to the query unless {@code value} is null. */
    ApiPath query(String name, Object value) {
        if (value != null) {
            text.append(separator).append(encodeQuery(name)).append('=').append(encodeQuery(value.toString()));
            separator = '&';
        }
        return this;
    }

    /** RFC 3986's unreserved characters, the only ones a segment keeps as they are. */
    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String encodeQuery(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
