package io.tally.core.domain.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces the phone numbers and emails in a Tracking API event (its {@code traits}, {@code context.traits} and
 * {@code properties}) by keyed-hash tokens before anything is queued, quarantined or logged. A value that is not
 * a valid phone number or email is removed: raw contact data never leaves the gateway.
 */
public final class PiiProtector {

    private static final List<String> CONTAINERS = List.of("traits", "properties");
    private final PiiHasher hasher;

    public PiiProtector(PiiHasher hasher) {
        this.hasher = hasher;
    }

    /** A copy of {@code event} with its contact fields tokenized; non-objects are returned unchanged. */
    public Object protect(String brandId, Object event, IdentityPolicy policy) {
        if (!(event instanceof Map<?, ?> map)) {
            return event;
        }
        Map<String, Object> copy = new LinkedHashMap<>(cast(map));
        for (String container : CONTAINERS) {
            protectContainer(brandId, copy, container, policy);
        }
        protectContainer(brandId, copy, "context", "traits", policy);
        return copy;
    }

    /**
     * Applies {@link #protect} to every item of a {@code batch} payload and tokenizes the batch-level
     * {@code context.traits}, which the reader merges into every item.
     */
    public Map<String, Object> protectBatch(String brandId, Map<String, Object> body, IdentityPolicy policy) {
        if (!(body.get("batch") instanceof List<?> items)) {
            return body;
        }
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put("batch", items.stream().map(item -> protect(brandId, item, policy)).toList());
        protectContainer(brandId, copy, "context", "traits", policy);
        return copy;
    }

    private void protectContainer(String brandId, Map<String, Object> holder, String outer, String field,
                                  IdentityPolicy policy) {
        if (holder.get(outer) instanceof Map<?, ?> outerMap) {
            Map<String, Object> copy = new LinkedHashMap<>(cast(outerMap));
            protectContainer(brandId, copy, field, policy);
            holder.put(outer, copy);
        }
    }

    private void protectContainer(String brandId, Map<String, Object> holder, String field, IdentityPolicy policy) {
        if (!(holder.get(field) instanceof Map<?, ?> container)) {
            return;
        }
        Map<String, Object> copy = new LinkedHashMap<>(cast(container));
        tokenize(copy, "email", raw -> hasher.email(brandId, raw));
        tokenize(copy, "phone", raw -> hasher.phone(brandId, raw, policy.defaultCallingCode()));
        holder.put(field, copy);
    }

    private static void tokenize(Map<String, Object> container, String key,
                                 java.util.function.Function<String, java.util.Optional<String>> token) {
        Object value = container.get(key);
        if (value == null || PiiHasher.isToken(value)) {
            return;
        }
        java.util.Optional<String> hashed = value instanceof String s ? token.apply(s) : java.util.Optional.empty();
        if (hashed.isPresent()) {
            container.put(key, hashed.get());
        } else {
            container.remove(key);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
