package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.Dependency;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.ProfileSubject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tally.testkit.ProfileBuilder.aProfile;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentMembershipServiceTest {

    private static final ConsumerKey C1 = new ConsumerKey("demo", "c_1");

    private final SegmentsFixture fixture = new SegmentsFixture(2);
    private final SegmentMembershipService service = fixture.incremental;

    SegmentMembershipServiceTest() {
        fixture.segments.create("demo", Map.of("id", "gold", "name", "Gold",
                "rule", Map.of("trait", "tier", "eq", "gold")));
    }

    private static ProfileSubject tier(String tier) {
        ConsumerProfile profile = aProfile("demo", "c_1").withTrait("tier", tier).build();
        return ProfileSubject.of(profile);
    }

    @Test
    void givenAConsumerThatStartsToMatch_whenUpdated_thenItEntersWithTheTimeAndTheCountGrows() {
        List<MembershipChange> changes = service.update(C1, tier("gold"), SegmentsFixture.START);

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.enters()).isTrue();
            assertThat(c.after().enteredAt()).isEqualTo(SegmentsFixture.START);
        });
        assertThat(fixture.memberships.size("demo", "gold", 1)).isEqualTo(1);
    }

    @Test
    void givenAnUnchangedConsumer_whenUpdatedAgain_thenNothingIsWritten() {
        service.update(C1, tier("gold"), SegmentsFixture.START);
        int writes = fixture.memberships.writes();

        List<MembershipChange> again = service.update(C1, tier("gold"),
                SegmentsFixture.START.plus(Duration.ofMinutes(5)));

        assertThat(again).isEmpty();
        assertThat(fixture.memberships.writes()).isEqualTo(writes);
        assertThat(fixture.memberships.load(C1).get("gold").enteredAt()).isEqualTo(SegmentsFixture.START);
    }

    @Test
    void givenAConsumerThatStopsMatching_whenUpdated_thenItExitsAndTheCountShrinks() {
        service.update(C1, tier("gold"), SegmentsFixture.START);

        List<MembershipChange> changes = service.update(C1, tier("silver"), SegmentsFixture.START);

        assertThat(changes).singleElement().satisfies(c -> assertThat(c.exits()).isTrue());
        assertThat(fixture.memberships.size("demo", "gold", 1)).isZero();
    }

    @Test
    void givenARedeliveredChangeAppliedConcurrently_whenApplied_thenItIsRecordedOnce() {
        var matched = Map.of("gold", 1L);
        var first = io.tally.core.domain.segment.MembershipDiff.changes(fixture.memberships.load(C1), matched,
                SegmentsFixture.START);
        fixture.memberships.apply(C1, first);

        List<MembershipChange> redelivered = service.update(C1, tier("gold"), SegmentsFixture.START);

        assertThat(redelivered).isEmpty();
        assertThat(fixture.memberships.size("demo", "gold", 1)).isEqualTo(1);
    }

    @Test
    void givenAChangeNoRuleDependsOn_whenUpdated_thenNothingIsEvenRead() {
        List<MembershipChange> changes = service.update(C1, tier("gold"), SegmentsFixture.START,
                Set.of(Dependency.CHANNELS));

        assertThat(changes).isEmpty();
        assertThat(fixture.memberships.load(C1)).isEmpty();
    }

    @Test
    void givenAMember_whenRemovedFromEverything_thenEveryMembershipExits() {
        service.update(C1, tier("gold"), SegmentsFixture.START);

        assertThat(service.removeAll(C1)).singleElement().satisfies(c -> assertThat(c.exits()).isTrue());
        assertThat(fixture.memberships.load(C1)).isEmpty();
    }
}
