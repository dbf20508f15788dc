package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.tally.core.domain.access.KeyRole;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.FieldError;
import io.tally.core.domain.event.InvalidEventException;
import io.tally.core.port.in.AuthenticateUseCase;
import io.tally.core.port.in.GetConsumerUseCase;
import jakarta.inject.Singleton;

/** The web adapter of the consumer admin API: admin key → brand, then {@link GetConsumerUseCase}. */
@Singleton
public class ConsumerApi {

    private final AuthenticateUseCase authenticate;
    private final GetConsumerUseCase consumers;

    public ConsumerApi(AuthenticateUseCase authenticate, GetConsumerUseCase consumers) {
        this.authenticate = authenticate;
        this.consumers = consumers;
    }

    public ConsumerView get(HttpRequest<?> request, String consumerId) {
        Principal admin = admin(request);
        return consumers.get(new ConsumerKey(admin.brandId(), consumerId)).map(ConsumerView::of)
                .orElseThrow(() -> new NotFoundException("no consumer " + consumerId + " in brand " + admin.brandId()));
    }

    public ConsumerView find(HttpRequest<?> request, String userId, String anonymousId) {
        Principal admin = admin(request);
        if ((userId == null) == (anonymousId == null)) {
            throw new InvalidEventException(new FieldError("userId", "required",
                    "give exactly one of the query parameters userId, anonymousId"));
        }
        IdentifierType type = userId != null ? IdentifierType.USER_ID : IdentifierType.ANONYMOUS_ID;
        String value = userId != null ? userId : anonymousId;
        return consumers.findByIdentifier(admin.brandId(), type, value).map(ConsumerView::of)
                .orElseThrow(() -> new NotFoundException("no consumer with " + type.wireName() + " " + value));
    }

    private Principal admin(HttpRequest<?> request) {
        return authenticate.authenticate(ApiKeys.fromAuthorization(request).orElse(null), KeyRole.ADMIN);
    }
}
