package io.tally.core.domain.identity;

import io.tally.core.domain.consumer.IdentifierType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityPolicyTest {

    private static final Duration BLOCK = Duration.ofDays(30);

    @Test
    void givenDefaultPolicy_whenAskingWhatMayMerge_thenEverythingButDevices() {
        IdentityPolicy policy = IdentityPolicy.DEFAULT;

        assertThat(policy.mergeOn()).containsExactlyInAnyOrder(IdentifierType.USER_ID, IdentifierType.MEMBER,
                IdentifierType.EMAIL, IdentifierType.PHONE, IdentifierType.ANONYMOUS_ID);
        assertThat(policy.mayMerge(IdentifierType.DEVICE)).isFalse();
        assertThat(policy.mayMerge(IdentifierType.USER_ID)).isTrue();
        assertThat(policy.maxIdentifiers()).isEqualTo(25);
        assertThat(policy.defaultCallingCode()).isNull();
        assertThat(policy.erasureBlock()).isEqualTo(BLOCK);
    }

    @Test
    void givenPolicyWithDevices_whenAskingWhatMayMerge_thenDevicesMayMerge() {
        IdentityPolicy policy = new IdentityPolicy(EnumSet.of(IdentifierType.USER_ID, IdentifierType.DEVICE), 5, null,
                BLOCK);

        assertThat(policy.mayMerge(IdentifierType.DEVICE)).isTrue();
        assertThat(policy.mayMerge(IdentifierType.ANONYMOUS_ID)).isFalse();
    }

    @Test
    void givenEmptyMergeOn_whenCreating_thenNothingMayMerge() {
        IdentityPolicy policy = new IdentityPolicy(Set.of(), 1, null, BLOCK);

        assertThat(EnumSet.allOf(IdentifierType.class)).noneMatch(policy::mayMerge);
    }

    @Test
    void givenMergeOnSetChangedAfterCreation_whenAsking_thenPolicyIsUnchangedAndImmutable() {
        Set<IdentifierType> mergeOn = new HashSet<>(Set.of(IdentifierType.USER_ID));
        IdentityPolicy policy = new IdentityPolicy(mergeOn, 5, null, BLOCK);

        mergeOn.add(IdentifierType.DEVICE);

        assertThat(policy.mayMerge(IdentifierType.DEVICE)).isFalse();
        assertThatThrownBy(() -> policy.mergeOn().add(IdentifierType.EMAIL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenFewerThanOneIdentifier_whenCreating_thenRejectsIt() {
        assertThatThrownBy(() -> new IdentityPolicy(Set.of(), 0, null, BLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIdentifiers");
        assertThatThrownBy(() -> new IdentityPolicy(Set.of(), -1, null, BLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "44", "86", "886"})
    void givenOneToThreeDigitCallingCode_whenCreating_thenAcceptsIt(String callingCode) {
        assertThat(new IdentityPolicy(Set.of(), 1, callingCode, BLOCK).defaultCallingCode()).isEqualTo(callingCode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "086", "1234", "+86", "8a", " 86"})
    void givenMalformedCallingCode_whenCreating_thenRejectsIt(String callingCode) {
        assertThatThrownBy(() -> new IdentityPolicy(Set.of(), 1, callingCode, BLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultCallingCode");
    }

    @Test
    void givenMissingOrNegativeErasureBlock_whenCreating_thenRejectsIt() {
        assertThatThrownBy(() -> new IdentityPolicy(Set.of(), 1, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("erasureBlock");
        assertThatThrownBy(() -> new IdentityPolicy(Set.of(), 1, null, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("erasureBlock");
        assertThatCode(() -> new IdentityPolicy(Set.of(), 1, null, Duration.ZERO)).doesNotThrowAnyException();
    }
}
