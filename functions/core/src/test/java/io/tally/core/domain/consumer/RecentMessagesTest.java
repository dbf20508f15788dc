package io.tally.core.domain.consumer;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RecentMessagesTest {

    @Test
    void givenEmpty_whenCheckingAnyMessage_thenDoesNotContainIt() {
        assertThat(RecentMessages.empty().contains("m1")).isFalse();
        assertThat(RecentMessages.empty().size()).isZero();
    }

    @Test
    void givenMessageAdded_whenChecking_thenContainsItAndNotOthers() {
        RecentMessages recent = RecentMessages.empty().plus("m1");

        assertThat(recent.contains("m1")).isTrue();
        assertThat(recent.contains("m2")).isFalse();
        assertThat(recent.size()).isEqualTo(1);
    }

    @Test
    void givenMessageAdded_whenCheckingTheOriginal_thenOriginalIsUnchanged() {
        RecentMessages original = RecentMessages.empty().plus("m1");

        original.plus("m2");

        assertThat(original.contains("m2")).isFalse();
        assertThat(original.size()).isEqualTo(1);
    }

    @Test
    void givenCapacityReached_whenAddingOneMore_thenForgetsOnlyTheOldest() {
        RecentMessages recent = withMessages(RecentMessages.CAPACITY + 1);

        assertThat(RecentMessages.CAPACITY).isEqualTo(64);
        assertThat(recent.size()).isEqualTo(RecentMessages.CAPACITY);
        assertThat(recent.contains("m0")).isFalse();
        assertThat(IntStream.rangeClosed(1, RecentMessages.CAPACITY)).allMatch(i -> recent.contains("m" + i));
    }

    @Test
    void givenExactlyCapacity_whenChecking_thenRemembersAll() {
        RecentMessages recent = withMessages(RecentMessages.CAPACITY);

        assertThat(IntStream.range(0, RecentMessages.CAPACITY)).allMatch(i -> recent.contains("m" + i));
    }

    @Test
    void givenMessages_whenRoundTrippingThroughBytes_thenRestoredEqualsOriginal() {
        RecentMessages recent = withMessages(10);

        byte[] bytes = recent.toBytes();
        RecentMessages restored = RecentMessages.fromBytes(bytes);

        assertThat(bytes).hasSize(10 * Long.BYTES);
        assertThat(restored).isEqualTo(recent).hasSameHashCodeAs(recent);
        assertThat(restored.contains("m9")).isTrue();
        assertThat(restored.contains("m10")).isFalse();
    }

    @Test
    void givenFullMessages_whenRoundTrippingAndAddingMore_thenBehavesLikeTheOriginal() {
        RecentMessages recent = withMessages(RecentMessages.CAPACITY);

        RecentMessages restored = RecentMessages.fromBytes(recent.toBytes());

        assertThat(restored.plus("next")).isEqualTo(recent.plus("next"));
        assertThat(restored.plus("next").contains("m0")).isFalse();
    }

    @Test
    void givenEmpty_whenRoundTrippingThroughBytes_thenRestoredIsEmpty() {
        assertThat(RecentMessages.fromBytes(RecentMessages.empty().toBytes())).isEqualTo(RecentMessages.empty());
    }

    @Test
    void givenDifferentMessages_whenComparing_thenNotEqual() {
        assertThat(RecentMessages.empty().plus("m1")).isNotEqualTo(RecentMessages.empty().plus("m2"));
    }

    private static RecentMessages withMessages(int count) {
        RecentMessages recent = RecentMessages.empty();
        for (int i = 0; i < count; i++) {
            recent = recent.plus("m" + i);
        }
        return recent;
    }
}
