package io.tally.core.domain.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyDigestTest {

    @Test
    void givenKnownInput_whenDigesting_thenReturnsLowerCaseHexSha256() {
        assertThat(KeyDigest.of("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void givenSameRawKey_whenDigestingTwice_thenDigestsAreEqual() {
        assertThat(KeyDigest.of("tw_secret")).isEqualTo(KeyDigest.of("tw_secret"));
    }

    @Test
    void givenDifferentRawKeys_whenDigesting_thenDigestsDiffer() {
        assertThat(KeyDigest.of("tw_secret")).isNotEqualTo(KeyDigest.of("tw_secreT"));
    }

    @Test
    void givenRawKey_whenDigesting_thenDigestDoesNotContainTheKey() {
        String rawKey = "tw_abcdef0123456789";

        assertThat(KeyDigest.of(rawKey)).hasSize(64).matches("[0-9a-f]{64}").doesNotContain(rawKey);
    }

    @Test
    void givenDigestOfRawKey_whenMatching_thenMatches() {
        assertThat(KeyDigest.matches("tw_secret", KeyDigest.of("tw_secret"))).isTrue();
    }

    @Test
    void givenDigestOfAnotherKey_whenMatching_thenDoesNotMatch() {
        assertThat(KeyDigest.matches("tw_secret", KeyDigest.of("tw_other"))).isFalse();
    }

    @Test
    void givenTruncatedDigest_whenMatching_thenDoesNotMatch() {
        assertThat(KeyDigest.matches("tw_secret", KeyDigest.of("tw_secret").substring(0, 32))).isFalse();
    }
}
