package io.tally.core.service;

import io.tally.core.domain.consumer.ChannelEvent;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.Dependency;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.MembershipDiff;
import io.tally.core.domain.segment.ProfileGuard;
import io.tally.core.port.out.StaleProfileException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tally.testkit.ConsumerEventBuilder.anIdentifyEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentMembershipServiceTest {

    private static final ConsumerKey C1 = new ConsumerKey("demo", "c_1");

    private final SegmentsFixture fixture = new SegmentsFixture(2);
    private final SegmentMembershipService service = fixture.incremental;

    SegmentMembershipServiceTest() {
        fixture.segments.create("demo", Map.of("id", "gold", "name", "Gold",
                "rule", Map.of("trait", "tier", "eq", "gold")));
    }

    /** Writes the next version of C1's profile with trait {@code tier}, as a processor would, and returns it. */
    private ConsumerProfile written(String tier) {
        ConsumerProfile current = fixture.profiles.load(C1).orElse(ConsumerProfile.newProfile(C1));
        ConsumerProfile next = current.apply(List.of(new ChannelEvent("web", anIdentifyEvent().withUserId("u1")
                .withTrait("tier", tier).withMessageId("m" + current.version())
                .at(SegmentsFixture.START.plusSeconds(current.version())).build()))).profile();
        fixture.profiles.save(next);
        return next;
    }

    @Test
    void givenAConsumerThatStartsToMatch_whenUpdated_thenItEntersWithTheTimeAndTheCountGrows() {
        List<MembershipChange> changes = service.update(written("gold"), SegmentsFixture.START);

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.enters()).isTrue();
            assertThat(c.after().enteredAt()).isEqualTo(SegmentsFixture.START);
        });
        assertThat(fixture.memberships.size("demo", "gold", 1)).isEqualTo(1);
    }

    @Test
    void givenAnUnchangedConsumer_whenUpdatedAgain_thenNothingIsWritten() {
        ConsumerProfile gold = written("gold");
        service.update(gold, SegmentsFixture.START);
        int writes = fixture.memberships.writes();

        List<MembershipChange> again = service.update(gold, SegmentsFixture.START.plus(Duration.ofMinutes(5)));

        assertThat(again).isEmpty();
        assertThat(fixture.memberships.writes()).isEqualTo(writes);
        assertThat(fixture.memberships.load(C1).get("gold").enteredAt()).isEqualTo(SegmentsFixture.START);
    }

    @Test
    void givenAConsumerThatStopsMatching_whenUpdated_thenItExitsAndTheCountShrinks() {
        service.update(written("gold"), SegmentsFixture.START);

        List<MembershipChange> changes = service.update(written("silver"), SegmentsFixture.START);

        assertThat(changes).singleElement().satisfies(c -> assertThat(c.exits()).isTrue());
        assertThat(fixture.memberships.size("demo", "gold", 1)).isZero();
    }

    @Test
    void givenARedeliveredChangeAppliedConcurrently_whenApplied_thenItIsRecordedOnce() {
        ConsumerProfile gold = written("gold");
        var first = MembershipDiff.changes(fixture.memberships.load(C1), Map.of("gold", 1L), SegmentsFixture.START);
        fixture.memberships.apply(C1, ProfileGuard.atVersion(gold.version()), first);

        List<MembershipChange> redelivered = service.update(gold, SegmentsFixture.START);

        assertThat(redelivered).isEmpty();
        assertThat(fixture.memberships.size("demo", "gold", 1)).isEqualTo(1);
    }

    @Test
    void givenADecisionOnAProfileThatMovedOn_whenWritten_thenTheStoredProfileDecidesInstead() {
        ConsumerProfile slowWritersGold = written("gold");
        ConsumerProfile fastWritersSilver = written("silver");
        service.update(fastWritersSilver, SegmentsFixture.START);

        List<MembershipChange> late = service.update(slowWritersGold, SegmentsFixture.START);

        assertThat(late).isEmpty();
        assertThat(fixture.memberships.load(C1)).as("the newer profile is not gold").isEmpty();
        assertThat(fixture.memberships.size("demo", "gold", 1)).isZero();
    }

    @Test
    void givenALateDecisionAfterANewerWriterSkippedTheSegment_whenWritten_thenTheNewestProfileIsEvaluatedInFull() {
        service.update(written("gold"), SegmentsFixture.START);
        ConsumerProfile slowWritersSilver = written("silver");
        ConsumerProfile fastWritersUnrelatedChange = written("silver");
        service.update(fastWritersUnrelatedChange, SegmentsFixture.START, Set.of(Dependency.CHANNELS));
        assertThat(fixture.memberships.load(C1)).as("the newer writer read nothing of the trait").containsKey("gold");

        List<MembershipChange> late = service.update(slowWritersSilver, SegmentsFixture.START);

        assertThat(late).singleElement().satisfies(c -> assertThat(c.exits()).isTrue());
        assertThat(fixture.memberships.load(C1)).isEmpty();
    }

    @Test
    void givenALateDecisionForAnErasedConsumer_whenWritten_thenNothingIsReAdded() {
        ConsumerProfile gold = written("gold");
        fixture.profiles.delete(C1);

        assertThat(service.update(gold, SegmentsFixture.START)).isEmpty();
        assertThat(fixture.memberships.load(C1)).isEmpty();
    }

    @Test
    void givenAGuardTheProfileNoLongerMeets_whenChangesAreApplied_thenTheStoreRefusesThemAll() {
        ConsumerProfile gold = written("gold");
        written("silver");
        var changes = MembershipDiff.changes(Map.of(), Map.of("gold", 1L), SegmentsFixture.START);

        assertThatThrownBy(() -> fixture.memberships.apply(C1, ProfileGuard.atVersion(gold.version()), changes))
                .isInstanceOf(StaleProfileException.class);
        assertThatThrownBy(() -> fixture.memberships.apply(C1, ProfileGuard.ABSENT, changes))
                .isInstanceOf(StaleProfileException.class);
        assertThat(fixture.memberships.load(C1)).isEmpty();
    }

    @Test
    void givenAChangeNoRuleDependsOn_whenUpdated_thenNothingIsEvenRead() {
        List<MembershipChange> changes = service.update(written("gold"), SegmentsFixture.START,
                Set.of(Dependency.CHANNELS));

        assertThat(changes).isEmpty();
        assertThat(fixture.memberships.load(C1)).isEmpty();
    }

    @Test
    void givenAMember_whenRemovedFromEverything_thenEveryMembershipExits() {
        service.update(written("gold"), SegmentsFixture.START);

        assertThat(service.removeAll(C1)).singleElement().satisfies(c -> assertThat(c.exits()).isTrue());
        assertThat(fixture.memberships.load(C1)).isEmpty();
    }
}
