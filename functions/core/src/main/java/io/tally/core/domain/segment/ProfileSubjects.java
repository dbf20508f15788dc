package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsumerProfile;

/**
 * Turns a stored profile into what segment rules read. The full recompute and the preview evaluate scanned profiles
 * through it. {@link #PROFILE_ONLY} reads what the profile holds (traits, channels, consent, lifecycle facts,
 * stages and the counted event times); CLV and P(alive) are unknown to it.
 */
@FunctionalInterface
public interface ProfileSubjects {

    /** What the profile holds; estimates unknown (NaN). */
    ProfileSubjects PROFILE_ONLY = ProfileSubject::of;

    SegmentSubject subjectOf(ConsumerProfile profile);
}
