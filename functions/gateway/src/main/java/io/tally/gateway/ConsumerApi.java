package io.tally.gateway;

import io.micronaut.http.HttpRequest;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.port.in.GetConsumerUseCase;
import jakarta.inject.Singleton;

/** The web adapter of the consumer admin API: admin key → brand, then {@link GetConsumerUseCase}. */
@Singleton
public class ConsumerApi {

    private final AdminAccess access;
    private final GetConsumerUseCase consumers;

    public ConsumerApi(AdminAccess access, GetConsumerUseCase consumers) {
        this.access = access;
        this.consumers = consumers;
    }

    public ConsumerView get(HttpRequest<?> request, String consumerId) {
        Principal admin = access.admin(request);
        return consumers.get(new ConsumerKey(admin.brandId(), consumerId)).map(ConsumerView::of)
                .orElseThrow(() -> new NotFoundException("no consumer " + consumerId + " in brand " + admin.brandId()));
    }

    public ConsumerView find(HttpRequest<?> request, String userId, String anonymousId) {
        Principal admin = access.admin(request);
        if ((userId == null) == (anonymousId == null)) {
            throw new BadRequestException("userId", "give exactly one of the query parameters userId, anonymousId");
        }
        IdentifierType type = userId != null ? IdentifierType.USER_ID : IdentifierType.ANONYMOUS_ID;
        String value = userId != null ? userId : anonymousId;
        return consumers.findByIdentifier(admin.brandId(), type, value).map(ConsumerView::of)
                .orElseThrow(() -> new NotFoundException("no consumer with " + type.wireName() + " " + value));
    }
}
