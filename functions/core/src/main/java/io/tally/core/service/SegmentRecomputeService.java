package io.tally.core.service;

import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.LiveSegment;
import io.tally.core.domain.segment.Membership;
import io.tally.core.domain.segment.MembershipChange;
import io.tally.core.domain.segment.ProfileGuard;
import io.tally.core.domain.segment.ProfileSubjects;
import io.tally.core.domain.segment.RecomputePlan;
import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.domain.segment.RecomputeTask;
import io.tally.core.domain.segment.SegmentRunCounts;
import io.tally.core.port.in.RecomputeSegmentsUseCase;
import io.tally.core.port.out.MembershipConflictException;
import io.tally.core.port.out.SegmentDefinitionStorePort;
import io.tally.core.port.out.SegmentRunStorePort;
import io.tally.core.port.out.SegmentScanPort;
import io.tally.core.port.out.SegmentTaskQueuePort;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Full recompute of segment memberships, scatter-gather over DynamoDB parallel-scan segments. A worker holds in
 * memory only the consumers of its scan segment that match a segment or have a stored membership, and writes only
 * the enters and exits (each conditional on the stored membership it replaces), so re-running a task finds nothing
 * left to change.
 */
public class SegmentRecomputeService implements RecomputeSegmentsUseCase {

    private final SegmentTaskQueuePort tasks;
    private final SegmentScanPort scans;
    private final SegmentDefinitionStorePort definitions;
    private final SegmentMembershipService writer;
    private final SegmentRunStorePort runs;
    private final ProfileSubjects subjects;
    private final Clock clock;
    private final int totalSegments;

    /**
     * @param writer        writes each consumer's changes under the profile version they were decided on
     * @param totalSegments scan segments per run: size it so one segment scans well within a worker's timeout
     */
    public SegmentRecomputeService(SegmentTaskQueuePort tasks, SegmentScanPort scans,
                                   SegmentDefinitionStorePort definitions, SegmentRunStorePort runs,
                                   SegmentMembershipService writer, ProfileSubjects subjects, Clock clock,
                                   int totalSegments) {
        if (totalSegments < 1) {
            throw new IllegalArgumentException("totalSegments must be at least 1");
        }
        this.tasks = tasks;
        this.scans = scans;
        this.definitions = definitions;
        this.writer = writer;
        this.runs = runs;
        this.subjects = subjects;
        this.clock = clock;
        this.totalSegments = totalSegments;
    }

    /** {@code segments-<epoch ms>} for every brand, {@code segments-<epoch ms>-<brand>} for one. */
    public static String runId(Instant plannedAt, String brandId) {
        return "segments-" + plannedAt.toEpochMilli() + (brandId == null ? "" : "-" + brandId);
    }

    @Override
    public RecomputePlan plan(String brandId) {
        Instant asOf = clock.instant();
        String runId = runId(asOf, brandId);
        List<RecomputeTask> planned = new ArrayList<>();
        for (int segment = 0; segment < totalSegments; segment++) {
            planned.add(new RecomputeTask(runId, brandId, asOf, segment, totalSegments));
        }
        tasks.enqueueRecompute(planned);
        return new RecomputePlan(runId, brandId, asOf, planned.size());
    }

    /** What one consumer matches and has stored, and its profile's version (0: none read), while its scan segment is read. */
    private static final class Pending {
        Map<String, Long> matched = Map.of();
        long profileVersion;
        final Map<String, Membership> stored = new HashMap<>();
    }

    @Override
    public List<RecomputeResult> work(RecomputeTask task) {
        Map<String, List<LiveSegment>> segmentsByBrand = new HashMap<>();
        Map<ConsumerKey, Pending> pending = new HashMap<>();
        Map<String, Map<String, long[]>> counts = new TreeMap<>();
        scans.scan(task.segment(), task.totalSegments(), task.brandId(), new SegmentScanPort.ScanSink() {
            /** The last profile read: a consumer's memberships are usually read right after its profile. */
            private ConsumerKey lastKey;
            private long lastVersion;

            @Override
            public void profile(ConsumerProfile profile) {
                if (profile.merged() || !task.covers(profile.key().brandId())) {
                    return;
                }
                lastKey = profile.key();
                lastVersion = profile.version();
                Pending earlier = pending.get(profile.key());
                if (earlier != null) {
                    earlier.profileVersion = profile.version();
                }
                List<LiveSegment> live = live(segmentsByBrand, profile.key().brandId());
                if (live.isEmpty()) {
                    return;
                }
                Map<String, Long> matched = SegmentMembershipService.matched(live, subjects.subjectOf(profile),
                        evaluatedAt(profile, task.asOf()));
                if (!matched.isEmpty()) {
                    Pending state = pending.computeIfAbsent(profile.key(), k -> new Pending());
                    state.matched = matched;
                    state.profileVersion = profile.version();
                }
            }

            @Override
            public void membership(ConsumerKey consumer, Membership membership) {
                if (task.covers(consumer.brandId())) {
                    Pending state = pending.computeIfAbsent(consumer, k -> new Pending());
                    state.stored.put(membership.segmentId(), membership);
                    if (state.profileVersion == 0 && consumer.equals(lastKey)) {
                        state.profileVersion = lastVersion;
                    }
                }
            }
        });
        segmentsByBrand.forEach((brand, live) -> live.forEach(s -> counter(counts, brand, s.id())[0] = s.version()));
        if (task.brandId() != null) {
            counts.computeIfAbsent(task.brandId(), b -> new TreeMap<>());
        }
        pending.forEach((consumer, state) -> {
            state.matched.forEach((id, version) -> counter(counts, consumer.brandId(), id)[1]++);
            for (MembershipChange change : apply(consumer, state, live(segmentsByBrand, consumer.brandId()),
                    task.asOf())) {
                long[] counter = counter(counts, consumer.brandId(), change.segmentId());
                counter[change.enters() ? 2 : 3]++;
                if (change.enters()) {
                    counter[0] = Math.max(counter[0], change.after().version());
                } else if (counter[0] == 0) {
                    counter[0] = change.before().version();
                }
            }
        });
        Map<String, Map<String, SegmentRunCounts>> part = new TreeMap<>();
        counts.forEach((brand, bySegment) -> {
            Map<String, SegmentRunCounts> segments = new TreeMap<>();
            bySegment.forEach((id, c) -> segments.put(id, new SegmentRunCounts(c[0], c[1], c[2], c[3])));
            part.put(brand, segments);
        });
        runs.savePart(task.runId(), task.segment(), part);
        return gather(task);
    }

    /**
     * Applies the consumer's changes: first against the memberships the scan read, under the profile version the scan
     * read (or no profile), then as {@link SegmentMembershipService} decides after a conflict or a newer profile. A
     * consumer still in conflict after its attempts is left for the next evaluation.
     */
    private List<MembershipChange> apply(ConsumerKey consumer, Pending state, List<LiveSegment> live, Instant at) {
        ProfileGuard guard = state.profileVersion > 0 ? ProfileGuard.atVersion(state.profileVersion)
                : ProfileGuard.ABSENT;
        try {
            return writer.write(consumer, guard, state.matched, state.stored, live, at);
        } catch (MembershipConflictException e) {
            return List.of();
        }
    }

    /**
     * The run's instant, or later for a consumer whose events arrived after the run was planned: evaluated at the
     * run's instant, those events would fall outside every window and undo what the processor decided on them.
     */
    static Instant evaluatedAt(ConsumerProfile profile, Instant asOf) {
        return profile.lastSeen() != null && profile.lastSeen().isAfter(asOf) ? profile.lastSeen() : asOf;
    }

    private List<LiveSegment> live(Map<String, List<LiveSegment>> segmentsByBrand, String brandId) {
        return segmentsByBrand.computeIfAbsent(brandId, brand -> BrandSegmentCache.load(definitions, brand));
    }

    /** {version, members, entered, exited} of one segment of one brand in this part. */
    private static long[] counter(Map<String, Map<String, long[]>> counts, String brand, String segmentId) {
        return counts.computeIfAbsent(brand, b -> new TreeMap<>()).computeIfAbsent(segmentId, id -> new long[4]);
    }

    private List<RecomputeResult> gather(RecomputeTask task) {
        Map<Integer, Map<String, Map<String, SegmentRunCounts>>> parts = runs.loadParts(task.runId());
        if (parts.keySet().stream().filter(s -> s < task.totalSegments()).count() < task.totalSegments()) {
            return List.of();
        }
        Map<String, Map<String, SegmentRunCounts>> byBrand = new TreeMap<>();
        parts.entrySet().stream().filter(e -> e.getKey() < task.totalSegments()).map(Map.Entry::getValue)
                .forEach(part -> part.forEach((brand, segments) -> segments.forEach((id, c) -> byBrand
                        .computeIfAbsent(brand, b -> new TreeMap<>()).merge(id, c, SegmentRunCounts::plus))));
        List<RecomputeResult> results = new ArrayList<>();
        byBrand.forEach((brand, segments) -> {
            RecomputeResult result = new RecomputeResult(task.runId(), brand, task.asOf(), task.totalSegments(),
                    segments);
            runs.saveResult(result);
            results.add(result);
        });
        return results;
    }
}
