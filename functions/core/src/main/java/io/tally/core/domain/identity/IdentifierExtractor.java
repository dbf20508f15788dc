package io.tally.core.domain.identity;

import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.event.EventType;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The identifiers an event carries, strongest first: {@code userId}; a channel member id
 * ({@code traits.memberId}, scoped to the sending channel); email and phone tokens (from {@code traits},
 * {@code context.traits} or {@code properties}, already tokenized by {@link PiiProtector}); {@code anonymousId};
 * the device id ({@code context.device.id}). An {@code alias} call's {@code previousId} is taken as the
 * anonymous id it replaces.
 */
public final class IdentifierExtractor {

    private IdentifierExtractor() {
    }

    public static SortedSet<Identifier> extract(String channelId, ConsumerEvent event) {
        SortedSet<Identifier> ids = new TreeSet<>();
        if (event.userId() != null) {
            ids.add(new Identifier(IdentifierType.USER_ID, event.userId()));
        }
        if (event.anonymousId() != null) {
            ids.add(new Identifier(IdentifierType.ANONYMOUS_ID, event.anonymousId()));
        }
        if (event.type() == EventType.ALIAS && event.previousId() != null) {
            ids.add(new Identifier(IdentifierType.ANONYMOUS_ID, event.previousId()));
        }
        Map<String, Object> contextTraits = object(event.context().get("traits"));
        for (Map<String, Object> source : java.util.List.of(event.traits(), contextTraits, event.properties())) {
            text(source.get("memberId")).ifPresent(m -> ids.add(new Identifier(IdentifierType.MEMBER, channelId + ':' + m)));
            token(source.get("email")).ifPresent(t -> ids.add(new Identifier(IdentifierType.EMAIL, t)));
            token(source.get("phone")).ifPresent(t -> ids.add(new Identifier(IdentifierType.PHONE, t)));
        }
        text(object(event.context().get("device")).get("id"))
                .ifPresent(d -> ids.add(new Identifier(IdentifierType.DEVICE, d)));
        return ids;
    }

    private static java.util.Optional<String> text(Object value) {
        if (value instanceof Number n) {
            return java.util.Optional.of(n.toString());
        }
        return value instanceof String s && !s.isBlank() && s.length() <= 255 ? java.util.Optional.of(s)
                : java.util.Optional.empty();
    }

    private static java.util.Optional<String> token(Object value) {
        return PiiHasher.isToken(value) ? java.util.Optional.of((String) value) : java.util.Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
