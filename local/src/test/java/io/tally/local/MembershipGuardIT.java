package io.tally.local;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.Membership;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.ProfileGuard;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.SegmentMembershipPort;
import io.tally.core.port.out.StaleProfileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static io.tally.testkit.ProfileBuilder.aProfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Integration scope: the DynamoDB membership store's profile guard on DynamoDB Local — membership changes decided on
 * a profile version are written only while the profile is still at that version (or still absent), all or nothing,
 * counts included.
 */
class MembershipGuardIT {

    private static final Instant AT = Instant.parse("2026-11-25T09:00:00Z");

    @RegisterExtension
    static final LocalStackFixture stack = LocalStackFixture.embedded();

    private final SegmentMembershipPort memberships = stack.tally.context().getBean(SegmentMembershipPort.class);
    private final ProfileStorePort profiles = stack.tally.context().getBean(ProfileStorePort.class);

    private static List<MembershipChange> enter(String segmentId) {
        return List.of(new MembershipChange(segmentId, null, new Membership(segmentId, 1, AT)));
    }

    @Test
    void givenAProfileStillAtTheDecidedVersion_whenChangesAreApplied_thenTheyAreWrittenAndCounted() {
        ConsumerProfile profile = aProfile("guard", "g1").withTrait("tier", "gold").build();
        profiles.save(profile);

        memberships.apply(profile.key(), ProfileGuard.atVersion(profile.version()), enter("gold"));

        assertThat(memberships.load(profile.key())).containsOnlyKeys("gold");
        assertThat(memberships.size("guard", "gold", 1)).isEqualTo(1);
    }

    @Test
    void givenAProfileThatMovedOn_whenChangesDecidedOnTheOlderVersionAreApplied_thenNothingIsWritten() {
        ConsumerProfile older = aProfile("guard", "g2").withTrait("tier", "silver").build();
        profiles.save(older);
        ConsumerProfile newer = older.withConsent("marketing", "*", false, AT);
        profiles.save(newer);

        assertThatThrownBy(() -> memberships.apply(older.key(), ProfileGuard.atVersion(older.version()),
                enter("silver"))).isInstanceOf(StaleProfileException.class);
        assertThatThrownBy(() -> memberships.apply(older.key(), ProfileGuard.ABSENT, enter("silver")))
                .isInstanceOf(StaleProfileException.class);

        assertThat(memberships.load(older.key())).isEmpty();
        assertThat(memberships.size("guard", "silver", 1)).isZero();
        memberships.apply(newer.key(), ProfileGuard.atVersion(newer.version()), enter("silver"));
        assertThat(memberships.load(newer.key())).containsOnlyKeys("silver");
    }

    @Test
    void givenNoProfile_whenTheGuardSaysAbsentOrNone_thenChangesAreWrittenButAVersionGuardFails() {
        ConsumerKey erased = new ConsumerKey("guard", "g3");

        assertThatThrownBy(() -> memberships.apply(erased, ProfileGuard.atVersion(4), enter("a")))
                .isInstanceOf(StaleProfileException.class);
        memberships.apply(erased, ProfileGuard.ABSENT, enter("a"));
        memberships.apply(erased, ProfileGuard.NONE, enter("b"));

        assertThat(memberships.load(erased)).containsOnlyKeys("a", "b");
    }
}
