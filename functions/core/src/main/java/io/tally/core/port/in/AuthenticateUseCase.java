package io.tally.core.port.in;

import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.access.Principal;

/** Turns a presented raw key into the brand and channel it acts for. */
public interface AuthenticateUseCase {

    /**
     * @throws io.tally.core.domain.access.AuthenticationFailedException when the key is missing, unknown,
     *                                                                   revoked or of another role
     */
    Principal authenticate(String rawKey, KeyRole requiredRole);
}
