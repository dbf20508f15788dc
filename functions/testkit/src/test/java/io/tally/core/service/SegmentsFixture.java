package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.ProfileSubjects;
import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.domain.segment.RecomputeTask;
import io.tally.testkit.InMemoryAudienceExports;
import io.tally.testkit.InMemoryCensusStore;
import io.tally.testkit.InMemoryProfileBatchLoader;
import io.tally.testkit.InMemoryProfileStore;
import io.tally.testkit.InMemorySegmentDefinitions;
import io.tally.testkit.InMemorySegmentMemberships;
import io.tally.testkit.InMemorySegmentRuns;
import io.tally.testkit.InMemorySegmentScanner;
import io.tally.testkit.InMemoryTaskQueue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The segment services wired to the testkit's in-memory ports, with a clock the test moves. */
final class SegmentsFixture {

    static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemorySegmentDefinitions definitions = new InMemorySegmentDefinitions();
    final InMemorySegmentMemberships memberships = new InMemorySegmentMemberships(profiles);
    final InMemorySegmentRuns runs = new InMemorySegmentRuns();
    final InMemoryTaskQueue queue = new InMemoryTaskQueue();
    final InMemoryCensusStore census = new InMemoryCensusStore();
    final InMemoryAudienceExports exports = new InMemoryAudienceExports();
    final InMemorySegmentScanner scanner = new InMemorySegmentScanner(profiles, memberships);
    final SegmentRecomputeService recompute;
    final SegmentService segments;
    final SegmentMembershipService incremental;

    SegmentsFixture(int scanSegments) {
        incremental = new SegmentMembershipService(new BrandSegmentCache(definitions, clock, Duration.ZERO),
                memberships, profiles, ProfileSubjects.PROFILE_ONLY, clock);
        recompute = new SegmentRecomputeService(queue, scanner, definitions, runs, incremental,
                ProfileSubjects.PROFILE_ONLY, clock, scanSegments);
        segments = new SegmentService(definitions, memberships, runs, recompute, scanner, census,
                new InMemoryProfileBatchLoader(profiles), exports, ProfileSubjects.PROFILE_ONLY, clock,
                new Random(7), new SegmentService.Settings(8, 20, 1000));
    }

    void store(ConsumerProfile... stored) {
        for (ConsumerProfile profile : stored) {
            profiles.save(profile);
        }
    }

    /** Works every queued recompute task, in order; returns the gathered results. */
    List<RecomputeResult> runQueuedTasks() {
        List<RecomputeResult> results = new ArrayList<>();
        for (RecomputeTask task : queue.drainRecompute()) {
            results.addAll(recompute.work(task));
        }
        return results;
    }
}
