package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsumerProfile;

/**
 * Turns a stored profile into what segment rules read. The full recompute and the preview evaluate scanned profiles
 * through it; {@link #PROFILE_ONLY} reads the profile alone until the profile carries its lifecycle facts, stages
 * and estimates.
 */
@FunctionalInterface
public interface ProfileSubjects {

    /** The profile with no further facts: no orders, stages or events; estimates unknown. */
    ProfileSubjects PROFILE_ONLY = ProfileSubject::of;

    SegmentSubject subjectOf(ConsumerProfile profile);
}
