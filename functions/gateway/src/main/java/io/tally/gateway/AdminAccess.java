package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.access.Principal;
import io.tally.core.port.in.AuthenticateUseCase;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** What every admin endpoint needs: the calling brand's admin principal, and dates from query parameters. */
@Singleton
public class AdminAccess {

    private final AuthenticateUseCase authenticate;
    private final Clock clock;

    public AdminAccess(AuthenticateUseCase authenticate, Clock clock) {
        this.authenticate = authenticate;
        this.clock = clock;
    }

    /** @throws io.tally.core.domain.access.AuthenticationFailedException unless the request carries an admin key */
    public Principal admin(HttpRequest<?> request) {
        return authenticate.authenticate(ApiKeys.fromAuthorization(request).orElse(null), KeyRole.ADMIN);
    }

    /** {@code yyyy-MM-dd}, or today (UTC) when absent. */
    public LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return LocalDate.now(clock.withZone(ZoneOffset.UTC));
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "must be a date like 2026-11-25");
        }
    }
}
