package io.tally.core.domain.identity;

import io.tally.core.domain.consumer.IdentifierType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PiiProtectorTest {

    private static final String BRAND = "acme";
    private static final PiiHasher HASHER =
            new PiiHasher("0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8));
    private static final IdentityPolicy CHINA = new IdentityPolicy(EnumSet.of(IdentifierType.USER_ID), 25, "86",
            Duration.ofDays(30));

    private final PiiProtector protector = new PiiProtector(HASHER);

    @Test
    void givenContactDataInTraitsContextTraitsAndProperties_whenProtecting_thenReplacesItByTokens() {
        Map<String, Object> event = mutable(Map.of(
                "type", "identify",
                "userId", "u1",
                "traits", mutable(Map.of("email", " Ann@Example.com ", "phone", "+86 138 0013 8000")),
                "context", mutable(Map.of("traits", mutable(Map.of("email", "bob@example.com")))),
                "properties", mutable(Map.of("phone", "0044 20 7946 0958"))));

        Map<String, Object> protectedEvent = asMap(protector.protect(BRAND, event, IdentityPolicy.DEFAULT));

        assertThat(asMap(protectedEvent.get("traits")))
                .containsEntry("email", HASHER.email(BRAND, "ann@example.com").orElseThrow())
                .containsEntry("phone", HASHER.phone(BRAND, "+8613800138000", null).orElseThrow());
        assertThat(asMap(asMap(protectedEvent.get("context")).get("traits")))
                .containsEntry("email", HASHER.email(BRAND, "bob@example.com").orElseThrow());
        assertThat(asMap(protectedEvent.get("properties")))
                .containsEntry("phone", HASHER.phone(BRAND, "+442079460958", null).orElseThrow());
    }

    @Test
    void givenInvalidContactData_whenProtecting_thenRemovesIt() {
        Map<String, Object> event = mutable(Map.of(
                "traits", mutable(Map.of("email", "not an email", "phone", "12345", "name", "Ann")),
                "context", mutable(Map.of("traits", mutable(Map.of("phone", 8613800138000L)))),
                "properties", mutable(Map.of("email", List.of("ann@example.com"), "phone", "138 0013 8000"))));

        Map<String, Object> protectedEvent = asMap(protector.protect(BRAND, event, IdentityPolicy.DEFAULT));

        assertThat(asMap(protectedEvent.get("traits"))).containsOnlyKeys("name");
        assertThat(asMap(asMap(protectedEvent.get("context")).get("traits"))).isEmpty();
        assertThat(asMap(protectedEvent.get("properties"))).isEmpty();
    }

    @Test
    void givenNationalNumberAndABrandWithADefaultCallingCode_whenProtecting_thenTokenizesIt() {
        Map<String, Object> event = mutable(Map.of("traits", mutable(Map.of("phone", "138 0013 8000"))));

        Map<String, Object> withDefault = asMap(protector.protect(BRAND, event, CHINA));
        Map<String, Object> withoutDefault = asMap(protector.protect(BRAND, event, IdentityPolicy.DEFAULT));

        assertThat(asMap(withDefault.get("traits")))
                .containsEntry("phone", HASHER.phone(BRAND, "+8613800138000", null).orElseThrow());
        assertThat(asMap(withoutDefault.get("traits"))).doesNotContainKey("phone");
    }

    @Test
    void givenAlreadyHashedTokens_whenProtecting_thenLeavesThemAsTheyAre() {
        String emailToken = HASHER.email(BRAND, "ann@example.com").orElseThrow();
        String foreignToken = PiiHasher.TOKEN_PREFIX + "from-another-gateway";
        Map<String, Object> event = mutable(Map.of("traits", mutable(Map.of("email", emailToken,
                "phone", foreignToken))));

        Map<String, Object> protectedEvent = asMap(protector.protect(BRAND, event, IdentityPolicy.DEFAULT));

        assertThat(asMap(protectedEvent.get("traits"))).containsEntry("email", emailToken)
                .containsEntry("phone", foreignToken);
        assertThat(protector.protect(BRAND, protectedEvent, IdentityPolicy.DEFAULT)).isEqualTo(protectedEvent);
    }

    @Test
    void givenOtherFields_whenProtecting_thenLeavesThemUntouched() {
        Map<String, Object> event = mutable(Map.of(
                "type", "track",
                "event", "Order Completed",
                "anonymousId", "a1",
                "traits", mutable(Map.of("name", "Ann", "emailVerified", true, "email", "ann@example.com")),
                "context", mutable(Map.of("ip", "10.0.0.1", "device", Map.of("id", "d1"),
                        "traits", mutable(Map.of("plan", "gold")))),
                "properties", mutable(Map.of("total", 42.5, "contact", Map.of("email", "nested@example.com")))));

        Map<String, Object> protectedEvent = asMap(protector.protect(BRAND, event, IdentityPolicy.DEFAULT));

        assertThat(protectedEvent).containsEntry("type", "track").containsEntry("event", "Order Completed")
                .containsEntry("anonymousId", "a1");
        assertThat(asMap(protectedEvent.get("traits"))).containsEntry("name", "Ann")
                .containsEntry("emailVerified", true);
        assertThat(asMap(protectedEvent.get("context"))).containsEntry("ip", "10.0.0.1")
                .containsEntry("device", Map.of("id", "d1"))
                .containsEntry("traits", Map.of("plan", "gold"));
        assertThat(asMap(protectedEvent.get("properties"))).containsEntry("total", 42.5)
                .containsEntry("contact", Map.of("email", "nested@example.com"));
    }

    @Test
    void givenEvent_whenProtecting_thenTheInputIsNotMutated() {
        Map<String, Object> event = mutable(Map.of(
                "traits", mutable(Map.of("email", "ann@example.com", "phone", "nope")),
                "context", mutable(Map.of("traits", mutable(Map.of("phone", "+8613800138000")))),
                "properties", mutable(Map.of("email", "bob@example.com"))));
        Map<String, Object> snapshot = Map.of(
                "traits", Map.of("email", "ann@example.com", "phone", "nope"),
                "context", Map.of("traits", Map.of("phone", "+8613800138000")),
                "properties", Map.of("email", "bob@example.com"));

        Object protectedEvent = protector.protect(BRAND, event, IdentityPolicy.DEFAULT);

        assertThat(event).isEqualTo(snapshot);
        assertThat(protectedEvent).isNotSameAs(event).isNotEqualTo(snapshot);
    }

    @Test
    void givenEventWithoutContainersOrNotAnObject_whenProtecting_thenReturnsItUnchanged() {
        Map<String, Object> bare = mutable(Map.of("type", "track", "anonymousId", "a1", "traits", "not an object"));

        assertThat(protector.protect(BRAND, bare, IdentityPolicy.DEFAULT)).isEqualTo(bare);
        assertThat(protector.protect(BRAND, "a string", IdentityPolicy.DEFAULT)).isEqualTo("a string");
        assertThat(protector.protect(BRAND, null, IdentityPolicy.DEFAULT)).isNull();
    }

    @Test
    void givenBatch_whenProtecting_thenProtectsEveryItemAndKeepsTheRest() {
        Map<String, Object> first = mutable(Map.of("type", "identify", "traits",
                mutable(Map.of("email", "ann@example.com"))));
        Map<String, Object> second = mutable(Map.of("type", "track", "properties",
                mutable(Map.of("phone", "+8613800138000", "sku", "X1"))));
        List<Object> items = new ArrayList<>(List.of(first, second, "not an object"));
        Map<String, Object> body = mutable(Map.of("batch", items, "context", mutable(Map.of("ip", "10.0.0.1")),
                "writeKey", "k"));

        Map<String, Object> protectedBody = protector.protectBatch(BRAND, body, IdentityPolicy.DEFAULT);

        List<?> protectedItems = (List<?>) protectedBody.get("batch");
        assertThat(protectedItems).hasSize(3);
        assertThat(asMap(asMap(protectedItems.get(0)).get("traits")))
                .containsEntry("email", HASHER.email(BRAND, "ann@example.com").orElseThrow());
        assertThat(asMap(asMap(protectedItems.get(1)).get("properties")))
                .containsEntry("phone", HASHER.phone(BRAND, "+8613800138000", null).orElseThrow())
                .containsEntry("sku", "X1");
        assertThat(protectedItems.get(2)).isEqualTo("not an object");
        assertThat(protectedBody).containsEntry("writeKey", "k").containsEntry("context", Map.of("ip", "10.0.0.1"));
        assertThat(body.get("batch")).isSameAs(items);
        assertThat(asMap(first.get("traits"))).containsEntry("email", "ann@example.com");
    }

    @Test
    void givenContactDataInTheBatchLevelContext_whenProtectingABatch_thenTokenizesItToo() {
        Map<String, Object> body = mutable(Map.of("batch", new ArrayList<>(List.of(mutable(Map.of("type", "track")))),
                "context", mutable(Map.of("ip", "10.0.0.1", "traits",
                        mutable(Map.of("email", "Ann@Example.com", "phone", "not a phone", "plan", "gold"))))));

        Map<String, Object> protectedBody = protector.protectBatch(BRAND, body, IdentityPolicy.DEFAULT);

        Map<String, Object> context = asMap(protectedBody.get("context"));
        assertThat(context).containsEntry("ip", "10.0.0.1");
        assertThat(asMap(context.get("traits")))
                .containsEntry("email", HASHER.email(BRAND, "ann@example.com").orElseThrow())
                .containsEntry("plan", "gold")
                .doesNotContainKey("phone");
        assertThat(asMap(asMap(body.get("context")).get("traits"))).containsEntry("email", "Ann@Example.com");
    }

    @Test
    void givenBodyWithoutBatch_whenProtectingABatch_thenReturnsItAsIs() {
        Map<String, Object> body = mutable(Map.of("type", "track", "traits", mutable(Map.of("email", "a@b.co"))));

        assertThat(protector.protectBatch(BRAND, body, IdentityPolicy.DEFAULT)).isSameAs(body);
    }

    @Test
    void givenTwoBrands_whenProtectingTheSameEvent_thenTokensDiffer() {
        Map<String, Object> event = mutable(Map.of("traits", mutable(Map.of("email", "ann@example.com"))));

        Object acme = asMap(asMap(protector.protect("acme", event, IdentityPolicy.DEFAULT)).get("traits")).get("email");
        Object globex = asMap(asMap(protector.protect("globex", event, IdentityPolicy.DEFAULT)).get("traits"))
                .get("email");

        assertThat(acme).isNotEqualTo(globex);
        assertThat(PiiHasher.isToken(acme)).isTrue();
        assertThat(PiiHasher.isToken(globex)).isTrue();
    }

    private static Map<String, Object> mutable(Map<String, ?> map) {
        return new LinkedHashMap<>(map);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
