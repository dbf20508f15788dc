package io.tally.core.port.in;

import io.tally.core.domain.access.ApiKey;
import io.tally.core.domain.access.IssuedKey;
import io.tally.core.domain.access.KeyRole;

import java.util.Objects;
import java.util.regex.Pattern;

/** Issues a new API key for a brand's channel (write) or for the brand (admin). */
public interface IssueKeyUseCase {

    IssuedKey issue(IssueKeyCommand command);

    /** Brand and channel ids: lower-case letters, digits and dashes, 1 to 64 characters. */
    record IssueKeyCommand(String brandId, String channelId, KeyRole role) {

        private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

        public IssueKeyCommand {
            Objects.requireNonNull(role, "role");
            if (brandId == null || !ID.matcher(brandId).matches()) {
                throw new IllegalArgumentException("brandId must match " + ID.pattern());
            }
            if (role == KeyRole.ADMIN) {
                channelId = ApiKey.ALL_CHANNELS;
            } else if (channelId == null || !ID.matcher(channelId).matches()) {
                throw new IllegalArgumentException("channelId must match " + ID.pattern());
            }
        }
    }
}
