package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.tally.aws.json.EventCodec;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.domain.identity.PiiHasher;
import io.tally.core.port.in.ConsumerPrivacyUseCase;
import io.tally.core.port.in.ConsumerPrivacyUseCase.ErasureReport;
import io.tally.core.port.in.GetConsumerUseCase;
import io.tally.core.port.out.BrandSettingsPort;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The web adapter of the consumer admin API: admin key → brand, then the consumer use cases. */
@Singleton
public class ConsumerApi {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_*-][A-Za-z0-9_.-]{0,63}|\\*");

    private final AdminAccess access;
    private final GetConsumerUseCase consumers;
    private final ConsumerPrivacyUseCase privacy;
    private final PiiHasher hasher;
    private final BrandSettingsPort brands;
    private final EventCodec codec;
    private final Clock clock;

    public ConsumerApi(AdminAccess access, GetConsumerUseCase consumers, ConsumerPrivacyUseCase privacy,
                       PiiHasher hasher, BrandSettingsPort brands, EventCodec codec, Clock clock) {
        this.access = access;
        this.consumers = consumers;
        this.privacy = privacy;
        this.hasher = hasher;
        this.brands = brands;
        this.codec = codec;
        this.clock = clock;
    }

    public ConsumerView get(HttpRequest<?> request, String consumerId) {
        Principal admin = access.admin(request);
        return consumers.get(new ConsumerKey(admin.brandId(), consumerId)).map(ConsumerView::of)
                .orElseThrow(() -> new NotFoundException("no consumer " + consumerId + " in brand " + admin.brandId()));
    }

    public ConsumerView find(HttpRequest<?> request, String userId, String anonymousId, String member, String device,
                             String email, String phone) {
        Principal admin = access.admin(request);
        Map<IdentifierType, String> given = new LinkedHashMap<>();
        put(given, IdentifierType.USER_ID, userId);
        put(given, IdentifierType.ANONYMOUS_ID, anonymousId);
        put(given, IdentifierType.MEMBER, member);
        put(given, IdentifierType.DEVICE, device);
        put(given, IdentifierType.EMAIL, email);
        put(given, IdentifierType.PHONE, phone);
        if (given.size() != 1) {
            throw new BadRequestException("userId",
                    "give exactly one of the query parameters userId, anonymousId, member, device, email, phone");
        }
        var entry = given.entrySet().iterator().next();
        String brand = admin.brandId();
        String value = switch (entry.getKey()) {
            case EMAIL -> hasher.email(brand, entry.getValue())
                    .orElseThrow(() -> new BadRequestException("email", "not an email address"));
            case PHONE -> hasher.phone(brand, entry.getValue(), brands.identityPolicy(brand).defaultCallingCode())
                    .orElseThrow(() -> new BadRequestException("phone", "not a phone number (E.164, e.g. +8613800000000)"));
            default -> entry.getValue();
        };
        return consumers.findByIdentifier(brand, new Identifier(entry.getKey(), value)).map(ConsumerView::of)
                .orElseThrow(() -> new NotFoundException("no consumer with this " + entry.getKey().wireName()));
    }

    public ConsumerView consent(HttpRequest<?> request, String consumerId, byte[] body) {
        Principal admin = access.admin(request);
        Map<String, Object> json = codec.parseObject(body);
        String purpose = name(json, "purpose", null);
        String channel = name(json, "channel", "*");
        if (!(json.get("granted") instanceof Boolean granted)) {
            throw new BadRequestException("granted", "required: true or false");
        }
        return ConsumerView.of(privacy.recordConsent(new ConsumerKey(admin.brandId(), consumerId), purpose, channel,
                granted, clock.instant()));
    }

    public ErasureReport erase(HttpRequest<?> request, String consumerId) {
        Principal admin = access.admin(request);
        return privacy.erase(new ConsumerKey(admin.brandId(), consumerId));
    }

    private static String name(Map<String, Object> json, String field, String fallback) {
        Object value = json.get(field);
        if (value == null && fallback != null) {
            return fallback;
        }
        if (!(value instanceof String s) || !NAME.matcher(s).matches()) {
            throw new BadRequestException(field, "required: letters, digits, '_', '-' or '.', up to 64 characters");
        }
        return s;
    }

    private static void put(Map<IdentifierType, String> given, IdentifierType type, String value) {
        Optional.ofNullable(value).filter(v -> !v.isBlank()).ifPresent(v -> given.put(type, v));
    }
}
