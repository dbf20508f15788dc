package io.tally.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.tally.core.domain.event.SegmentEventReader;
import io.tally.core.domain.identity.PiiHasher;
import io.tally.core.domain.identity.PiiProtector;
import io.tally.core.port.out.ApiKeyStorePort;
import io.tally.core.port.out.BrandSettingsPort;
import io.tally.core.port.out.IdentityGraphPort;
import io.tally.core.port.out.QuarantinePort;
import io.tally.core.service.QuarantineService;
import io.tally.core.port.out.CensusStorePort;
import io.tally.core.port.out.ProfileScanPort;
import io.tally.core.port.out.ReportPublisherPort;
import io.tally.core.port.out.ScanTaskQueuePort;
import io.tally.core.service.CensusService;
import io.tally.core.service.DailyReportService;
import io.tally.core.port.out.EventQueuePort;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.service.ApiKeyService;
import io.tally.core.service.IngestService;
import io.tally.core.service.ProfileService;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.UUID;

/** Wires the framework-free core services to whichever port adapters are in the context. */
@Factory
public class CoreFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Found keys are trusted for {@code tally.gateway.key-cache} (default PT30S) per instance. */
    @Singleton
    ApiKeyService apiKeyService(ApiKeyStorePort keys, Clock clock,
                                @Value("${tally.gateway.key-cache:PT30S}") java.time.Duration cacheFor) {
        return new ApiKeyService(keys, clock, cacheFor);
    }

    /** Reads Tracking API payloads; events without a message id get a random UUID. */
    @Singleton
    SegmentEventReader segmentEventReader() {
        return new SegmentEventReader(() -> UUID.randomUUID().toString());
    }

    @Singleton
    @Requires(beans = QuarantinePort.class)
    IngestService ingestService(EventQueuePort queue, QuarantinePort quarantine) {
        return new IngestService(queue, quarantine);
    }

    @Singleton
    @Requires(beans = QuarantinePort.class)
    QuarantineService quarantineService(QuarantinePort quarantine, EventQueuePort queue, SegmentEventReader reader) {
        return new QuarantineService(quarantine, queue, reader);
    }

    @Singleton
    CensusService censusService(ScanTaskQueuePort tasks, ProfileScanPort profiles, CensusStorePort store, Clock clock,
                                @Value("${tally.census.segments:4}") int segments) {
        return new CensusService(tasks, profiles, store, clock, segments);
    }

    @Singleton
    io.tally.core.service.LifecycleService lifecycleService(io.tally.core.port.out.ProfileStorePort profiles,
            io.tally.core.port.out.LifecycleStorePort store, io.tally.core.port.out.BrandSettingsPort settings,
            CensusStorePort census, Clock clock,
            @Named("profiles") java.util.concurrent.ExecutorService executor,
            io.tally.core.service.SegmentMembershipService memberships) {
        return new io.tally.core.service.LifecycleService(profiles, store, settings, census, clock, executor,
                memberships);
    }

    @Singleton
    @Requires(beans = ReportPublisherPort.class)
    DailyReportService dailyReportService(CensusStorePort census, ReportPublisherPort publisher) {
        return new DailyReportService(census, publisher);
    }

    /**
     * What segment rules read about a scanned profile (the recompute and previews): the profile, with {@code clv} and
     * {@code pAlive} valued on the fly with the brand's latest converged fit, re-read every
     * {@code tally.clv.fit-cache} (default PT10M).
     */
    @Singleton
    io.tally.core.domain.segment.ProfileSubjects profileSubjects(io.tally.core.port.out.ClvStorePort clv,
            BrandSettingsPort settings, Clock clock,
            @Value("${tally.clv.fit-cache:PT10M}") java.time.Duration cacheFor) {
        return new io.tally.core.service.ClvProfileSubjects(clv, settings, clock, cacheFor);
    }

    /**
     * The daily CLV job over {@code tally.clv.scan-segments} parallel-scan segments (default 4); a fit converges
     * within {@code tally.clv.max-iterations} (default 500) or is stored as unconverged.
     */
    @Singleton
    @Requires(beans = io.tally.core.port.out.ClvPartStorePort.class)
    io.tally.core.service.ClvJobService clvJobService(io.tally.core.port.out.ClvTaskQueuePort tasks,
            io.tally.core.port.out.SegmentScanPort scans, io.tally.core.port.out.ClvPartStorePort parts,
            io.tally.core.port.out.ClvStorePort store, BrandSettingsPort settings, Clock clock,
            @Value("${tally.clv.scan-segments:4}") int segments,
            @Value("${tally.clv.max-iterations:500}") int maxIterations) {
        return new io.tally.core.service.ClvJobService(tasks, scans, parts, store, settings, clock, segments,
                new io.tally.core.domain.clv.FitOptions(maxIterations,
                        io.tally.core.domain.clv.FitOptions.defaults().gradientTolerance()));
    }

    /** Stored consumer assets with the fits behind them (the gateway's asset API). */
    @Singleton
    io.tally.core.service.AssetReportService assetReportService(io.tally.core.port.out.ClvStorePort store) {
        return new io.tally.core.service.AssetReportService(store);
    }

    /** Compiled segments per brand for the incremental path, re-read every {@code tally.segments.definition-cache}. */
    @Singleton
    io.tally.core.service.BrandSegmentCache brandSegmentCache(
            io.tally.core.port.out.SegmentDefinitionStorePort definitions, Clock clock,
            @Value("${tally.segments.definition-cache:PT30S}") java.time.Duration cacheFor) {
        return new io.tally.core.service.BrandSegmentCache(definitions, clock, cacheFor);
    }

    @Singleton
    io.tally.core.service.SegmentMembershipService segmentMembershipService(
            io.tally.core.service.BrandSegmentCache segments, io.tally.core.port.out.SegmentMembershipPort memberships,
            ProfileStorePort profiles, io.tally.core.domain.segment.ProfileSubjects subjects, Clock clock) {
        return new io.tally.core.service.SegmentMembershipService(segments, memberships, profiles, subjects, clock);
    }

    /** Full recompute over {@code tally.segments.scan-segments} parallel-scan segments (default 4). */
    @Singleton
    io.tally.core.service.SegmentRecomputeService segmentRecomputeService(
            io.tally.core.port.out.SegmentTaskQueuePort tasks, io.tally.core.port.out.SegmentScanPort scans,
            io.tally.core.port.out.SegmentDefinitionStorePort definitions,
            io.tally.core.port.out.SegmentRunStorePort runs, io.tally.core.service.SegmentMembershipService writer, io.tally.core.domain.segment.ProfileSubjects subjects,
            Clock clock, @Value("${tally.segments.scan-segments:4}") int segments) {
        return new io.tally.core.service.SegmentRecomputeService(tasks, scans, definitions, runs, writer, subjects,
                clock, segments);
    }

    /**
     * Segment definitions and audiences (the gateway): previews split the table into
     * {@code tally.segments.preview.scan-segments} (default 256) and read at most
     * {@code tally.segments.preview.max-pages} pages (default 20); an export holds at most
     * {@code tally.segments.export.max-members} (default 100,000).
     */
    @Singleton
    @Requires(beans = io.tally.core.port.out.AudienceExportPort.class)
    io.tally.core.service.SegmentService segmentService(
            io.tally.core.port.out.SegmentDefinitionStorePort definitions,
            io.tally.core.port.out.SegmentMembershipPort memberships, io.tally.core.port.out.SegmentRunStorePort runs,
            io.tally.core.port.in.RecomputeSegmentsUseCase recompute, io.tally.core.port.out.SegmentScanPort scans,
            CensusStorePort census, io.tally.core.port.out.ProfileBatchLoadPort profiles,
            io.tally.core.port.out.AudienceExportPort exports, io.tally.core.domain.segment.ProfileSubjects subjects,
            Clock clock, @Value("${tally.segments.preview.scan-segments:256}") int previewSegments,
            @Value("${tally.segments.preview.max-pages:20}") int previewPages,
            @Value("${tally.segments.export.max-members:100000}") long exportMax) {
        return new io.tally.core.service.SegmentService(definitions, memberships, runs, recompute, scans, census,
                profiles, exports, subjects, clock, new java.security.SecureRandom(),
                new io.tally.core.service.SegmentService.Settings(previewSegments, previewPages, exportMax));
    }

    /**
     * Threads applying a processor call's clusters concurrently, and re-evaluating the lifecycle job's due consumers
     * ({@code tally.processor.parallelism}, default 8).
     */
    @Singleton
    @Named("profiles")
    @Bean(preDestroy = "shutdown")
    java.util.concurrent.ExecutorService profileExecutor(@Value("${tally.processor.parallelism:8}") int parallelism) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "profiles-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Singleton
    ProfileService profileService(ProfileStorePort profiles, IdentityGraphPort graph, BrandSettingsPort settings,
                                  Clock clock, @Named("profiles") java.util.concurrent.ExecutorService executor,
                                  io.tally.core.service.BrandSegmentCache segments,
                                  io.tally.core.service.SegmentMembershipService memberships) {
        return new ProfileService(profiles, graph, settings, clock, executor,
                new ProfileService.Segments(segments::countedEvents, memberships));
    }

    /**
     * Keyed hashing of phone numbers and emails under {@code tally.identity.hash-secret} (at least 16 bytes; in
     * AWS it comes from Secrets Manager through the function's environment).
     */
    @Singleton
    @Requires(property = "tally.identity.hash-secret")
    PiiHasher piiHasher(@Value("${tally.identity.hash-secret}") String secret) {
        return new PiiHasher(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Singleton
    @Requires(beans = PiiHasher.class)
    PiiProtector piiProtector(PiiHasher hasher) {
        return new PiiProtector(hasher);
    }
}
