package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsumerProfile;

/**
 * Turns a stored profile into what segment rules read. The full recompute and the preview evaluate scanned profiles
 * through it. {@link #PROFILE_ONLY} reads what the profile holds (traits, channels, consent, lifecycle facts and
 * stages); CLV, P(alive) and event times are unknown to it.
 */
@FunctionalInterface
public interface ProfileSubjects {

    /** What the profile holds; estimates unknown (NaN), no event times. */
    ProfileSubjects PROFILE_ONLY = ProfileSubject::of;

    SegmentSubject subjectOf(ConsumerProfile profile);
}
