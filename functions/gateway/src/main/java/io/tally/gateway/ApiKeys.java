package io.tally.gateway;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Extracts the API key from a request: HTTP Basic with the key as user name and an empty password (what
 * Segment SDKs send), or {@code Authorization: Bearer <key>}.
 */
public final class ApiKeys {

    private ApiKeys() {
    }

    public static Optional<String> fromAuthorization(HttpRequest<?> request) {
        return request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class).flatMap(ApiKeys::parse);
    }

    static Optional<String> parse(String header) {
        String value = header.trim();
        String scheme = value.length() > 6 ? value.substring(0, 6).toLowerCase(Locale.ROOT) : "";
        if (scheme.equals("basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String user = colon < 0 ? decoded : decoded.substring(0, colon);
                return user.isBlank() ? Optional.empty() : Optional.of(user);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (value.length() > 7 && value.substring(0, 7).equalsIgnoreCase("bearer ")) {
            String token = value.substring(7).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
