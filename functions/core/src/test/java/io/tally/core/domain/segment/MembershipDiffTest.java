package io.tally.core.domain.segment;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipDiffTest {

    private static final Instant BEFORE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void givenUnchangedMemberships_whenDiffed_thenThereIsNoChange() {
        var stored = Map.of("vip", new Membership("vip", 2, BEFORE), "churn", new Membership("churn", 1, BEFORE));

        assertThat(MembershipDiff.changes(stored, Map.of("vip", 2L, "churn", 1L), NOW)).isEmpty();
    }

    @Test
    void givenANewMatch_whenDiffed_thenTheConsumerEntersAtTheEvaluationTime() {
        var changes = MembershipDiff.changes(Map.of(), Map.of("vip", 3L), NOW);

        assertThat(changes).containsExactly(new MembershipChange("vip", null, new Membership("vip", 3, NOW)));
        assertThat(changes.get(0).enters()).isTrue();
    }

    @Test
    void givenAMembershipNoLongerMatched_whenDiffed_thenTheConsumerExits() {
        Membership stored = new Membership("vip", 1, BEFORE);

        var changes = MembershipDiff.changes(Map.of("vip", stored), Map.of(), NOW);

        assertThat(changes).containsExactly(new MembershipChange("vip", stored, null));
        assertThat(changes.get(0).exits()).isTrue();
    }

    @Test
    void givenAMembershipOfAnOlderVersion_whenStillMatched_thenItIsReplacedByTheCurrentVersion() {
        Membership old = new Membership("vip", 1, BEFORE);

        var changes = MembershipDiff.changes(Map.of("vip", old), Map.of("vip", 2L), NOW);

        assertThat(changes).containsExactly(new MembershipChange("vip", old, new Membership("vip", 2, NOW)));
    }

    @Test
    void givenEntersAndExits_whenDiffed_thenTheyComeInSegmentIdOrder() {
        var stored = Map.of("b", new Membership("b", 1, BEFORE), "d", new Membership("d", 1, BEFORE));

        var changes = MembershipDiff.changes(stored, Map.of("a", 1L, "d", 1L, "c", 4L), NOW);

        assertThat(changes).extracting(MembershipChange::segmentId).containsExactly("a", "b", "c");
    }
}
