package io.tally.core.service;

import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.AudienceCsv;
import io.tally.core.domain.segment.CompiledRule;
import io.tally.core.domain.segment.CompiledSegment;
import io.tally.core.domain.segment.ExportTooLargeException;
import io.tally.core.domain.segment.InvalidRuleException;
import io.tally.core.domain.segment.Member;
import io.tally.core.domain.segment.MemberPage;
import io.tally.core.domain.segment.ProfileSubjects;
import io.tally.core.domain.segment.RecomputeResult;
import io.tally.core.domain.segment.RuleCompiler;
import io.tally.core.domain.segment.RuleError;
import io.tally.core.domain.segment.SegmentAlreadyExistsException;
import io.tally.core.domain.segment.SegmentExport;
import io.tally.core.domain.segment.SegmentNotFoundException;
import io.tally.core.domain.segment.SegmentPreview;
import io.tally.core.domain.segment.SegmentRunCounts;
import io.tally.core.domain.segment.SegmentStatus;
import io.tally.core.domain.segment.StoredSegment;
import io.tally.core.port.in.ManageSegmentsUseCase;
import io.tally.core.port.in.RecomputeSegmentsUseCase;
import io.tally.core.port.in.SegmentAudienceUseCase;
import io.tally.core.port.out.AudienceExportPort;
import io.tally.core.port.out.CensusStorePort;
import io.tally.core.port.out.ProfileBatchLoadPort;
import io.tally.core.port.out.SegmentDefinitionStorePort;
import io.tally.core.port.out.SegmentMembershipPort;
import io.tally.core.port.out.SegmentRunStorePort;
import io.tally.core.port.out.SegmentScanPort;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Segment definitions per brand (create, read, change, delete, preview) and their audiences (members, export). */
public class SegmentService implements ManageSegmentsUseCase, SegmentAudienceUseCase {

    /**
     * Limits of previews and exports.
     *
     * @param previewScanSegments parallel-scan segments the table is split into for sampling; a preview reads random
     *                            ones until it has its sample
     * @param previewMaxPages     full pages (of up to 1 MB) a preview reads at most; the last, partial page of each
     *                            scan segment is not counted, so a small table is read whole
     * @param exportMaxMembers    members one export may hold
     */
    public record Settings(int previewScanSegments, int previewMaxPages, long exportMaxMembers) {

        public Settings {
            if (previewScanSegments < 1 || previewMaxPages < 1 || exportMaxMembers < 1) {
                throw new IllegalArgumentException("segment settings must be positive");
            }
        }
    }

    /** Members read per page while exporting. */
    static final int EXPORT_PAGE = 1000;

    private final SegmentDefinitionStorePort definitions;
    private final SegmentMembershipPort memberships;
    private final SegmentRunStorePort runs;
    private final RecomputeSegmentsUseCase recompute;
    private final SegmentScanPort scans;
    private final CensusStorePort census;
    private final ProfileBatchLoadPort profiles;
    private final AudienceExportPort exports;
    private final ProfileSubjects subjects;
    private final Clock clock;
    private final Random random;
    private final Settings settings;

    public SegmentService(SegmentDefinitionStorePort definitions, SegmentMembershipPort memberships,
                          SegmentRunStorePort runs, RecomputeSegmentsUseCase recompute, SegmentScanPort scans,
                          CensusStorePort census, ProfileBatchLoadPort profiles, AudienceExportPort exports,
                          ProfileSubjects subjects, Clock clock, Random random, Settings settings) {
        this.definitions = definitions;
        this.memberships = memberships;
        this.runs = runs;
        this.recompute = recompute;
        this.scans = scans;
        this.census = census;
        this.profiles = profiles;
        this.exports = exports;
        this.subjects = subjects;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
    }

    @Override
    public StoredSegment create(String brandId, Map<String, Object> definition) {
        CompiledSegment compiled = RuleCompiler.compileSegment(definition);
        Optional<StoredSegment> existing = definitions.load(brandId, compiled.id());
        if (existing.isPresent() && !existing.get().deleted()) {
            if (!existing.get().definition().equals(compiled.definition())) {
                throw new SegmentAlreadyExistsException("segment '" + compiled.id() + "' already exists");
            }
            replanIfNotRecomputedSince(existing.get());
            return existing.get();
        }
        Instant now = clock.instant();
        StoredSegment next = existing.map(tombstone -> tombstone.changedTo(compiled.definition(), now))
                .orElseGet(() -> new StoredSegment(brandId, compiled.definition(), 1, now, now, null));
        definitions.save(next, existing.map(StoredSegment::version).orElse(0L));
        recompute.plan(brandId);
        return next;
    }

    @Override
    public SegmentStatus get(String brandId, String segmentId) {
        StoredSegment segment = live(brandId, segmentId);
        return status(segment, runs.latest(brandId));
    }

    @Override
    public List<SegmentStatus> list(String brandId) {
        Optional<RecomputeResult> latest = runs.latest(brandId);
        return definitions.list(brandId).stream().filter(s -> !s.deleted()).map(s -> status(s, latest)).toList();
    }

    @Override
    public StoredSegment update(String brandId, String segmentId, Map<String, Object> definition) {
        Object id = definition.get("id");
        if (id != null && !segmentId.equals(id)) {
            throw new InvalidRuleException(List.of(new RuleError("id", "must be '" + segmentId
                    + "', the id in the path, or be left out")));
        }
        Map<String, Object> withId = new LinkedHashMap<>(definition);
        withId.put("id", segmentId);
        CompiledSegment compiled = RuleCompiler.compileSegment(withId);
        StoredSegment current = live(brandId, segmentId);
        if (current.definition().equals(compiled.definition())) {
            replanIfNotRecomputedSince(current);
            return current;
        }
        StoredSegment next = current.changedTo(compiled.definition(), clock.instant());
        definitions.save(next, current.version());
        recompute.plan(brandId);
        return next;
    }

    @Override
    public StoredSegment delete(String brandId, String segmentId) {
        StoredSegment current = live(brandId, segmentId);
        StoredSegment tombstone = current.deletedAt(clock.instant());
        definitions.save(tombstone, current.version());
        recompute.plan(brandId);
        return tombstone;
    }

    @Override
    public SegmentPreview preview(String brandId, Map<String, Object> rule, int sampleSize) {
        CompiledRule compiled = RuleCompiler.compile(rule);
        Instant now = clock.instant();
        int total = settings.previewScanSegments();
        List<Integer> order = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int pagesLeft = settings.previewMaxPages();
        long sampled = 0;
        long matched = 0;
        int read = 0;
        int complete = 0;
        long inComplete = 0;
        for (int segment : order) {
            if (sampled >= sampleSize || pagesLeft <= 0) {
                break;
            }
            SegmentScanPort.SampleRead sample = scans.sample(brandId, segment, total, (int) (sampleSize - sampled),
                    pagesLeft);
            // a segment's last, partial page is nearly free; full pages (up to 1 MB each) use up the budget
            pagesLeft -= sample.exhausted() ? sample.pages() - 1 : Math.max(1, sample.pages());
            read++;
            for (ConsumerProfile profile : sample.profiles()) {
                sampled++;
                if (compiled.matches(subjects.subjectOf(profile), now)) {
                    matched++;
                }
            }
            if (sample.exhausted()) {
                complete++;
                inComplete += sample.profiles().size();
            }
        }
        double rate = sampled == 0 ? 0 : (double) matched / sampled;
        if (complete == total) {
            return new SegmentPreview(matched, sampled, rate, matched,
                    new SegmentPreview.Basis("complete", sampled, null, read, total));
        }
        if (sampled > 0) {
            Optional<CensusResult> latestCensus = latestCensus(brandId);
            if (latestCensus.isPresent()) {
                long population = latestCensus.get().byBrand().get(brandId).consumers();
                return new SegmentPreview(matched, sampled, rate, Math.round(rate * population),
                        new SegmentPreview.Basis("census", population, latestCensus.get().date().toString(), read,
                                total));
            }
            if (complete > 0) {
                long population = Math.round((double) inComplete * total / complete);
                return new SegmentPreview(matched, sampled, rate, Math.round(rate * population),
                        new SegmentPreview.Basis("scan-segments", population, null, read, total));
            }
        }
        return new SegmentPreview(matched, sampled, rate, null, new SegmentPreview.Basis("none", null, null, read,
                total));
    }

    /** Today's census, else yesterday's, if it counted the brand. */
    private Optional<CensusResult> latestCensus(String brandId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (LocalDate date : List.of(today, today.minusDays(1))) {
            Optional<CensusResult> result = census.loadResult(date);
            BrandCensus brand = result.map(r -> r.byBrand().get(brandId)).orElse(null);
            if (brand != null && brand.consumers() > 0) {
                return result;
            }
        }
        return Optional.empty();
    }

    @Override
    public MemberPage members(String brandId, String segmentId, int limit, String cursor) {
        StoredSegment segment = live(brandId, segmentId);
        return memberships.members(brandId, segmentId, segment.version(), limit, cursor);
    }

    @Override
    public SegmentExport export(String brandId, String segmentId) {
        StoredSegment segment = live(brandId, segmentId);
        long size = memberships.size(brandId, segmentId, segment.version());
        if (size > settings.exportMaxMembers()) {
            throw new ExportTooLargeException("segment '" + segmentId + "' has " + size
                    + " members; one export holds at most " + settings.exportMaxMembers());
        }
        List<Member> members = new ArrayList<>();
        Map<String, ConsumerProfile> byId = new HashMap<>();
        String cursor = null;
        do {
            MemberPage page = memberships.members(brandId, segmentId, segment.version(), EXPORT_PAGE, cursor);
            members.addAll(page.members());
            profiles.loadAll(page.members().stream().map(m -> new ConsumerKey(brandId, m.consumerId())).toList())
                    .forEach((key, profile) -> byId.put(key.consumerId(), profile));
            cursor = page.nextCursor();
            if (members.size() > settings.exportMaxMembers()) {
                throw new ExportTooLargeException("segment '" + segmentId + "' has more than "
                        + settings.exportMaxMembers() + " members; one export holds at most that many");
            }
        } while (cursor != null);
        AudienceCsv.Rendered csv = AudienceCsv.render(members, byId);
        return exports.store(brandId, segmentId, segment.version(), csv.bytes(), csv.rows());
    }

    private StoredSegment live(String brandId, String segmentId) {
        return definitions.load(brandId, segmentId).filter(s -> !s.deleted())
                .orElseThrow(() -> new SegmentNotFoundException("no segment '" + segmentId + "'"));
    }

    private SegmentStatus status(StoredSegment segment, Optional<RecomputeResult> latest) {
        long size = memberships.size(segment.brandId(), segment.id(), segment.version());
        RecomputeResult lastRun = latest.filter(r -> {
            SegmentRunCounts counts = r.segments().get(segment.id());
            return counts != null && counts.version() == segment.version();
        }).orElse(null);
        return new SegmentStatus(segment, size, lastRun);
    }

    /** A repeated create or update (a client retry) plans again unless a run finished after the last change. */
    private void replanIfNotRecomputedSince(StoredSegment segment) {
        boolean recomputed = runs.latest(segment.brandId()).map(r -> !r.asOf().isBefore(segment.updatedAt()))
                .orElse(false);
        if (!recomputed) {
            recompute.plan(segment.brandId());
        }
    }
}
