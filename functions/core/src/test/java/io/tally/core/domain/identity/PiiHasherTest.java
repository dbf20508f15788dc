package io.tally.core.domain.identity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiiHasherTest {

    private static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);
    private final PiiHasher hasher = new PiiHasher(SECRET);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+8613800138000      | +8613800138000",
            "+86 138 0013 8000   | +8613800138000",
            "+86-138-0013-8000   | +8613800138000",
            "+1 (415) 555.2671   | +14155552671",
            "0086 138 0013 8000  | +8613800138000",
            "0044 20 7946 0958   | +442079460958",
            "+44 (0)20 7946 0958 | +442079460958",
            "0044 (0) 20 7946 0958 | +442079460958"})
    void givenNumberWithCallingCode_whenNormalizing_thenGivesE164(String raw, String e164) {
        assertThat(PiiHasher.normalizePhone(raw, null)).contains(e164);
        assertThat(PiiHasher.normalizePhone(raw, "33")).contains(e164);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "138 0013 8000       | 86 | +8613800138000",
            "020 7946 0958       | 44 | +442079460958",
            "0 20-7946-0958      | 44 | +442079460958",
            "415 555 2671        | 1  | +14155552671"})
    void givenNationalNumberAndDefaultCallingCode_whenNormalizing_thenPrefixesItAndDropsTheTrunkZero(
            String raw, String callingCode, String e164) {
        assertThat(PiiHasher.normalizePhone(raw, callingCode)).contains(e164);
    }

    @Test
    void givenNationalNumberWithoutDefaultCallingCode_whenNormalizing_thenRejectsIt() {
        assertThat(PiiHasher.normalizePhone("138 0013 8000", null)).isEmpty();
        assertThat(hasher.phone("acme", "138 0013 8000", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+12345", "00 12345", "+1234567890123456", "0012345678901234567", "+0612345678",
            "+86 138 0013 800O", "+", "", "   ", "++8613800138000", "+86#13800138000"})
    void givenTooShortTooLongOrMalformedNumber_whenNormalizing_thenRejectsIt(String raw) {
        assertThat(PiiHasher.normalizePhone(raw, "86")).isEmpty();
        assertThat(hasher.phone("acme", raw, "86")).isEmpty();
    }

    @Test
    void givenSixAndFifteenDigits_whenNormalizing_thenAcceptsTheBounds() {
        assertThat(PiiHasher.normalizePhone("+123456", null)).contains("+123456");
        assertThat(PiiHasher.normalizePhone("+123456789012345", null)).contains("+123456789012345");
    }

    @Test
    void givenSameNumberWrittenDifferently_whenHashing_thenGivesTheSameToken() {
        String token = hasher.phone("acme", "+86 138 0013 8000", null).orElseThrow();

        assertThat(hasher.phone("acme", "0086-138-0013-8000", null)).contains(token);
        assertThat(hasher.phone("acme", "138 0013 8000", "86")).contains(token);
        assertThat(hasher.phone("acme", "+8613800138000", "44")).contains(token);
    }

    @Test
    void givenEmailInAnyCaseWithSurroundingSpace_whenHashing_thenGivesTheSameToken() {
        String token = hasher.email("acme", "ann@example.com").orElseThrow();

        assertThat(hasher.email("acme", "  Ann@Example.COM \t")).contains(token);
        assertThat(hasher.email("acme", "ANN@EXAMPLE.COM")).contains(token);
        assertThat(hasher.email("acme", "ann@example.org")).get().isNotEqualTo(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "ann@example", "@example.com", "ann@@example.com", "ann smith@example.com",
            "ann@exa mple.com", "", "   "})
    void givenNotAnEmail_whenHashing_thenGivesNothing(String raw) {
        assertThat(hasher.email("acme", raw)).isEmpty();
    }

    @Test
    void givenSameInput_whenHashingTwiceOrWithAnotherHasherOfTheSameSecret_thenGivesTheSameToken() {
        PiiHasher other = new PiiHasher(SECRET.clone());

        assertThat(hasher.email("acme", "ann@example.com")).isEqualTo(hasher.email("acme", "ann@example.com"))
                .isEqualTo(other.email("acme", "ann@example.com"));
        assertThat(hasher.phone("acme", "+8613800138000", null))
                .isEqualTo(other.phone("acme", "+8613800138000", null));
    }

    @Test
    void givenDifferentBrands_whenHashingTheSameInput_thenGivesDifferentTokens() {
        assertThat(hasher.email("acme", "ann@example.com")).get()
                .isNotEqualTo(hasher.email("globex", "ann@example.com").orElseThrow());
        assertThat(hasher.phone("acme", "+8613800138000", null)).get()
                .isNotEqualTo(hasher.phone("globex", "+8613800138000", null).orElseThrow());
    }

    @Test
    void givenDifferentSecrets_whenHashingTheSameInput_thenGivesDifferentTokens() {
        PiiHasher other = new PiiHasher("another-secret-of-16+bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(hasher.email("acme", "ann@example.com")).get()
                .isNotEqualTo(other.email("acme", "ann@example.com").orElseThrow());
    }

    @Test
    void givenSecretArrayChangedAfterConstruction_whenHashing_thenTokensDoNotChange() {
        byte[] secret = SECRET.clone();
        PiiHasher own = new PiiHasher(secret);
        String before = own.email("acme", "ann@example.com").orElseThrow();

        Arrays.fill(secret, (byte) 0);

        assertThat(own.email("acme", "ann@example.com")).contains(before);
    }

    @Test
    void givenSecretShorterThan16Bytes_whenCreating_thenRejectsIt() {
        assertThatThrownBy(() -> new PiiHasher(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PiiHasher(new byte[16]).email("acme", "ann@example.com")).isPresent();
    }

    @Test
    void givenTokens_whenCheckingThem_thenOnlyPrefixedStringsAreTokens() {
        String token = hasher.email("acme", "ann@example.com").orElseThrow();

        assertThat(PiiHasher.isToken(token)).isTrue();
        assertThat(PiiHasher.isToken("ann@example.com")).isFalse();
        assertThat(PiiHasher.isToken("+8613800138000")).isFalse();
        assertThat(PiiHasher.isToken(null)).isFalse();
        assertThat(PiiHasher.isToken(42)).isFalse();
    }

    @Property
    void givenAnyEmail_whenHashing_thenTokenIsPrefixedUrlSafeAndNeverContainsTheRawValue(
            @ForAll("emails") String email) {
        String token = hasher.email("acme", email).orElseThrow();

        assertThat(token).startsWith(PiiHasher.TOKEN_PREFIX).hasSize(PiiHasher.TOKEN_PREFIX.length() + 32)
                .matches("h1_[A-Za-z0-9_-]{32}");
        String normalized = email.trim().toLowerCase();
        assertThat(token).doesNotContain(email.trim()).doesNotContain(normalized)
                .doesNotContain(normalized.substring(0, normalized.indexOf('@')));
        assertThat(hasher.email("acme", email)).contains(token);
    }

    @Property
    void givenAnyPhoneNumber_whenHashing_thenTokenIsPrefixedAndNeverContainsTheDigits(
            @ForAll("phoneDigits") String digits) {
        String token = hasher.phone("acme", "+" + digits, null).orElseThrow();

        assertThat(token).matches("h1_[A-Za-z0-9_-]{32}").doesNotContain(digits);
        assertThat(hasher.phone("acme", "00" + digits, null)).contains(token);
    }

    @Property
    void givenDigitsWithAnySeparators_whenNormalizing_thenGivesPlusAndTheDigits(
            @ForAll("phoneDigits") String digits, @ForAll("separators") String separators) {
        StringBuilder written = new StringBuilder("+");
        for (int i = 0; i < digits.length(); i++) {
            written.append(digits.charAt(i)).append(separators.charAt(i % separators.length()));
        }
        Assume.that(!written.toString().contains("(0)"));

        assertThat(PiiHasher.normalizePhone(written.toString(), null)).contains("+" + digits);
    }

    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789._+")
                .ofMinLength(6).ofMaxLength(20);
        Arbitrary<String> domain = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz").ofMinLength(2)
                .ofMaxLength(12);
        return Combinators.combine(local, domain, Arbitraries.of("com", "org", "cn", "co.uk"), Arbitraries.of("", " "))
                .as((l, d, tld, pad) -> pad + l + '@' + d + '.' + tld + pad);
    }

    @Provide
    Arbitrary<String> phoneDigits() {
        return Combinators.combine(Arbitraries.strings().withChars("123456789").ofLength(1),
                        Arbitraries.strings().numeric().ofMinLength(5).ofMaxLength(14))
                .as((first, rest) -> first + rest);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.strings().withChars(" -.()").ofMinLength(1).ofMaxLength(4);
    }
}
