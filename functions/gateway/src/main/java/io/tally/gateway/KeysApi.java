package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.tally.aws.json.EventCodec;
import io.tally.core.domain.access.Principal;
import io.tally.core.port.in.ManageKeysUseCase;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The web adapter of key management: admin key → brand, then {@link ManageKeysUseCase}. */
@Singleton
public class KeysApi {

    /** How long a rotated key keeps working by default. */
    static final Duration DEFAULT_GRACE = Duration.ofDays(1);
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final long MAX_GRACE_SECONDS = Duration.ofDays(30).toSeconds();

    private final AdminAccess access;
    private final ManageKeysUseCase keys;
    private final EventCodec codec;
    private final Clock clock;

    public KeysApi(AdminAccess access, ManageKeysUseCase keys, EventCodec codec, Clock clock) {
        this.access = access;
        this.keys = keys;
        this.codec = codec;
        this.clock = clock;
    }

    public List<KeyView> list(HttpRequest<?> request) {
        Principal admin = access.admin(request);
        return keys.list(admin.brandId()).stream().map(k -> KeyView.of(k, clock.instant())).toList();
    }

    public KeyView create(HttpRequest<?> request, byte[] body) {
        Principal admin = access.admin(request);
        Object channel = codec.parseObject(body).get("channel");
        if (!(channel instanceof String name) || !CHANNEL.matcher(name).matches()) {
            throw new BadRequestException("channel", "required: lower-case letters, digits and dashes, 1 to 64 characters");
        }
        return KeyView.issued(keys.create(admin.brandId(), name), clock.instant());
    }

    public KeyView rotate(HttpRequest<?> request, String keyId, String graceSeconds) {
        Principal admin = access.admin(request);
        Duration grace = DEFAULT_GRACE;
        if (graceSeconds != null) {
            long seconds;
            try {
                seconds = Long.parseLong(graceSeconds);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 0 || seconds > MAX_GRACE_SECONDS) {
                throw new BadRequestException("graceSeconds", "must be a number of seconds from 0 to "
                        + MAX_GRACE_SECONDS);
            }
            grace = Duration.ofSeconds(seconds);
        }
        return KeyView.issued(keys.rotate(admin.brandId(), keyId, grace), clock.instant());
    }

    public KeyView revoke(HttpRequest<?> request, String keyId) {
        Principal admin = access.admin(request);
        return KeyView.of(keys.revoke(admin.brandId(), keyId), clock.instant());
    }
}
