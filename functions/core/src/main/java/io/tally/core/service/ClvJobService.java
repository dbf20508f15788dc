package io.tally.core.service;

import io.tally.core.domain.clv.AssetChange;
import io.tally.core.domain.clv.AssetChangeSummary;
import io.tally.core.domain.clv.BuyerHistory;
import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.ClvPart;
import io.tally.core.domain.clv.ClvPart.BrandPart;
import io.tally.core.domain.clv.ClvRun;
import io.tally.core.domain.clv.ClvSettings;
import io.tally.core.domain.clv.ClvTask;
import io.tally.core.domain.clv.ConsumerAsset;
import io.tally.core.domain.clv.ConsumerValuation;
import io.tally.core.domain.clv.FirstPurchaseFlows;
import io.tally.core.domain.clv.FitOptions;
import io.tally.core.domain.clv.SpendData;
import io.tally.core.domain.clv.StoredAsset;
import io.tally.core.domain.clv.SummaryCounts;
import io.tally.core.domain.clv.ValuationSnapshot;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.lifecycle.LifecycleFacts;
import io.tally.core.domain.lifecycle.LifecycleSettings;
import io.tally.core.domain.lifecycle.StageModel;
import io.tally.core.domain.segment.Membership;
import io.tally.core.port.in.ConsumerAssetJobUseCase;
import io.tally.core.port.out.BrandSettingsPort;
import io.tally.core.port.out.ClvPartStorePort;
import io.tally.core.port.out.ClvStorePort;
import io.tally.core.port.out.ClvTaskQueuePort;
import io.tally.core.port.out.SegmentScanPort;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daily CLV job, scatter-gather over DynamoDB parallel-scan segments like the census. One scan serves both the
 * fit and the valuation: each worker collects its segment's fit data per brand and values each consumer with the
 * brand's latest converged fit of an earlier date (a one-run lag), against the consumer's valuation of the previous
 * run, stored per scan segment. The worker that stores the last part fits every brand on the merged data, stores the
 * fit (converged or not: an unconverged fit is recorded and never used), and merges the asset, its change and the
 * month's first-purchase flows.
 */
public class ClvJobService implements ConsumerAssetJobUseCase {

    /** How far before "one month back" a run may lie and still serve as the base of the month's flows. */
    static final int FLOWS_BASE_SLACK_DAYS = 7;

    private final ClvTaskQueuePort tasks;
    private final SegmentScanPort scans;
    private final ClvPartStorePort parts;
    private final ClvStorePort store;
    private final BrandSettingsPort brands;
    private final Clock clock;
    private final int totalSegments;
    private final FitOptions fitOptions;

    /**
     * @param totalSegments scan segments per run: size it so one segment is read well within a worker's timeout
     * @param fitOptions    when a fit counts as converged
     */
    public ClvJobService(ClvTaskQueuePort tasks, SegmentScanPort scans, ClvPartStorePort parts, ClvStorePort store,
                         BrandSettingsPort brands, Clock clock, int totalSegments, FitOptions fitOptions) {
        if (totalSegments < 1) {
            throw new IllegalArgumentException("totalSegments must be at least 1");
        }
        this.tasks = tasks;
        this.scans = scans;
        this.parts = parts;
        this.store = store;
        this.brands = brands;
        this.clock = clock;
        this.totalSegments = totalSegments;
        this.fitOptions = Objects.requireNonNull(fitOptions, "fitOptions");
    }

    /** {@code clv-<date>-<planned at, epoch ms>}: a re-planned date never mixes its parts with an earlier planning's. */
    public static String runId(LocalDate date, Instant plannedAt) {
        return "clv-" + date + "-" + plannedAt.toEpochMilli();
    }

    @Override
    public Plan plan(LocalDate date) {
        Instant now = clock.instant();
        Instant asOf = date.equals(LocalDate.ofInstant(now, ZoneOffset.UTC)) ? now
                : date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        LocalDate previous = store.latestRun(date.minusDays(1)).filter(r -> r.totalSegments() == totalSegments)
                .map(ClvRun::date).orElse(null);
        LocalDate monthBack = date.minusMonths(1);
        LocalDate flowsBase = store.latestRun(monthBack).filter(r -> r.totalSegments() == totalSegments
                && !r.date().isBefore(monthBack.minusDays(FLOWS_BASE_SLACK_DAYS))).map(ClvRun::date).orElse(null);
        String runId = runId(date, now);
        List<ClvTask> planned = new ArrayList<>();
        for (int segment = 0; segment < totalSegments; segment++) {
            planned.add(new ClvTask(runId, date, asOf, segment, totalSegments, previous, flowsBase));
        }
        tasks.enqueueClv(planned);
        return new Plan(runId, date, asOf, planned.size(), previous, flowsBase);
    }

    /** One brand's accumulators while a scan segment is read. */
    private static final class BrandScan {
        final ClvSettings settings;
        final LifecycleSettings lifecycle;
        final List<String> models;
        final BrandValuers.Valuer valuer;
        final SummaryCounts.Builder counts = SummaryCounts.builder();
        final SpendData.Builder spend = SpendData.builder();
        final ConsumerAsset asset;
        final AssetChange change;
        final AssetChange month;

        BrandScan(ClvSettings settings, LifecycleSettings lifecycle, BrandValuers.Valuer valuer) {
            this.settings = settings;
            this.lifecycle = lifecycle;
            this.models = lifecycle.models().models().stream().map(StageModel::key).toList();
            this.valuer = valuer;
            this.asset = new ConsumerAsset(models, settings.aliveThreshold());
            this.change = new AssetChange(models, settings.aliveThreshold());
            this.month = new AssetChange(models, settings.aliveThreshold());
        }
    }

    @Override
    public Optional<Gathered> work(ClvTask task) {
        Map<String, BrandScan> byBrand = new HashMap<>();
        Map<ConsumerKey, ConsumerValuation> valued = new HashMap<>();
        Map<ConsumerKey, Set<String>> memberships = new HashMap<>();
        scans.scan(task.segment(), task.totalSegments(), null, new SegmentScanPort.ScanSink() {
            @Override
            public void profile(ConsumerProfile profile) {
                if (!profile.merged()) {
                    BrandScan brand = byBrand.computeIfAbsent(profile.key().brandId(), b -> open(b, task.date()));
                    valued(profile, brand, task.asOf()).ifPresent(v -> valued.put(profile.key(), v));
                }
            }

            @Override
            public void membership(ConsumerKey consumer, Membership membership) {
                memberships.computeIfAbsent(consumer, c -> new HashSet<>()).add(membership.segmentId());
            }
        });
        ValuationSnapshot previous = task.previousDate() == null ? null
                : parts.loadValuations(task.previousDate(), task.segment(), task.totalSegments()).orElse(null);
        ValuationSnapshot base = task.flowsBaseDate() == null ? null
                : task.flowsBaseDate().equals(task.previousDate()) ? previous
                : parts.loadValuations(task.flowsBaseDate(), task.segment(), task.totalSegments()).orElse(null);
        ValuationSnapshot current = new ValuationSnapshot();
        valued.forEach((consumer, valuation) -> {
            BrandScan brand = byBrand.get(consumer.brandId());
            ConsumerValuation later = new ConsumerValuation(valuation.buyer(), valuation.value(),
                    valuation.expectedPurchases(), valuation.probabilityAlive(),
                    valuation.probabilityFirstPurchase(), valuation.stages(), valuation.channels(),
                    memberships.getOrDefault(consumer, Set.of()));
            brand.asset.add(later);
            current.put(consumer, later);
            if (previous != null) {
                brand.change.add(comparable(previous.get(consumer), later), later);
            }
            if (base != null) {
                brand.month.add(comparable(base.get(consumer), later), later);
            }
        });
        Map<String, BrandPart> part = new TreeMap<>();
        byBrand.forEach((brandId, brand) -> {
            boolean valuedHere = brand.valuer != null;
            part.put(brandId, new BrandPart(brand.counts.build(), brand.spend.build(),
                    valuedHere ? brand.valuer.fit().date() : null, valuedHere ? brand.asset : null,
                    valuedHere && previous != null ? brand.change : null,
                    valuedHere && base != null ? brand.month.firstPurchaseFlows(brand.settings.valuationModel())
                            : null));
        });
        parts.saveValuations(task.date(), task.segment(), task.totalSegments(), current);
        parts.savePart(task.runId(), task.segment(), new ClvPart(part));
        return gather(task);
    }

    private BrandScan open(String brandId, LocalDate date) {
        ClvSettings settings = BrandValuers.settings(brands, brandId);
        return new BrandScan(settings, brands.lifecycle(brandId),
                BrandValuers.latest(store, brandId, date, settings).orElse(null));
    }

    /**
     * Adds the consumer's history to the brand's fit data and values it (when the brand has a fit). A consumer whose
     * history as of {@code asOf} is unknown (every kept order time is later, older orders exist: a backfilled date)
     * is left out of both.
     */
    private static Optional<ConsumerValuation> valued(ConsumerProfile profile, BrandScan brand, Instant asOf) {
        LifecycleFacts facts = profile.lifecycle().facts();
        Optional<BuyerHistory> history;
        try {
            history = BuyerHistory.of(facts, asOf, brand.settings.zone(), brand.settings.daysPerUnit());
        } catch (IllegalArgumentException unknownHistory) {
            return Optional.empty();
        }
        history.ifPresent(h -> {
            brand.counts.add(h.purchases());
            brand.spend.add(h.spend());
        });
        if (brand.valuer == null) {
            return Optional.empty();
        }
        Map<String, String> stages = ConsumerValuation.stageCodes(brand.lifecycle.models().evaluate(facts, asOf));
        return Optional.of(brand.valuer.valuer().value(facts, stages, profile.channels(), Set.of(), asOf));
    }

    /** The earlier valuation, unless it cannot precede the later one (a buyer then, not now: a backfilled date). */
    private static ConsumerValuation comparable(ConsumerValuation earlier, ConsumerValuation later) {
        return earlier != null && earlier.buyer() && !later.buyer() ? null : earlier;
    }

    /** All of one brand's parts merged. */
    private static final class Merged {
        final SummaryCounts.Builder counts = SummaryCounts.builder();
        final SpendData.Builder spend = SpendData.builder();
        final Set<LocalDate> fitDates = new HashSet<>();
        ConsumerAsset asset;
        AssetChange change;
        FirstPurchaseFlows flows;
        boolean unvalued;
        boolean changeMissing;
        boolean flowsMissing;

        void add(BrandPart part) {
            counts.addAll(part.counts());
            spend.addAll(part.spend());
            if (part.fitDate() == null) {
                unvalued = true;
                return;
            }
            fitDates.add(part.fitDate());
            asset = asset == null ? part.asset().copy() : asset.merge(part.asset());
            if (part.change() == null) {
                changeMissing = true;
            } else {
                change = change == null ? part.change().copy() : change.merge(part.change());
            }
            if (part.flows() == null) {
                flowsMissing = true;
            } else {
                flows = flows == null ? part.flows().copy() : flows.merge(part.flows());
            }
        }

        /** Whether every part was valued with the same fit, so the asset is whole. */
        boolean valuedConsistently() {
            return !unvalued && fitDates.size() == 1;
        }
    }

    private Optional<Gathered> gather(ClvTask task) {
        Set<Integer> stored = parts.storedParts(task.runId());
        for (int segment = 0; segment < task.totalSegments(); segment++) {
            if (!stored.contains(segment)) {
                return Optional.empty();
            }
        }
        Map<String, Merged> byBrand = new TreeMap<>();
        for (int segment = 0; segment < task.totalSegments(); segment++) {
            parts.loadPart(task.runId(), segment).brands()
                    .forEach((brand, part) -> byBrand.computeIfAbsent(brand, b -> new Merged()).add(part));
        }
        List<ClvFit> fits = new ArrayList<>();
        List<StoredAsset> assets = new ArrayList<>();
        byBrand.forEach((brandId, merged) -> {
            ClvFit fit = ClvFit.of(brandId, task.date(), task.asOf(), merged.counts.build(), merged.spend.build(),
                    fitOptions);
            store.saveFit(fit);
            fits.add(fit);
            if (merged.asset != null && merged.valuedConsistently()) {
                StoredAsset asset = assetOf(brandId, task, merged);
                store.saveAsset(asset);
                assets.add(asset);
                if (merged.flows != null && !merged.flowsMissing) {
                    store.saveFlows(brandId, task.date(), merged.flows);
                }
            }
        });
        ClvRun run = new ClvRun(task.date(), task.asOf(), task.totalSegments(), new ArrayList<>(byBrand.keySet()));
        store.saveRun(run);
        return Optional.of(new Gathered(run, fits, assets));
    }

    /** The merged asset, with its change when every part compared and the previous date's asset is stored. */
    private StoredAsset assetOf(String brandId, ClvTask task, Merged merged) {
        LocalDate fitDate = merged.fitDates.iterator().next();
        if (task.previousDate() != null && merged.change != null && !merged.changeMissing) {
            Optional<StoredAsset> previous = store.asset(brandId, task.previousDate());
            if (previous.isPresent()) {
                try {
                    AssetChangeSummary summary = merged.change.summary(previous.get().asset());
                    return new StoredAsset(brandId, task.date(), task.asOf(), fitDate, merged.asset,
                            task.previousDate(), merged.change, summary);
                } catch (IllegalArgumentException inconsistent) {
                    // the stored valuations do not belong to the stored asset (a run of the previous date was
                    // re-planned in between): no change rather than a wrong one
                }
            }
        }
        return new StoredAsset(brandId, task.date(), task.asOf(), fitDate, merged.asset, null, null, null);
    }
}
