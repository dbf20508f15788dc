package io.tally.core.service;

import io.tally.core.domain.consumer.ChannelEvent;
import io.tally.core.domain.consumer.ConsumerIds;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.domain.identity.IdentifierExtractor;
import io.tally.core.domain.identity.IdentityPolicy;
import io.tally.core.domain.lifecycle.LifecycleSettings;
import io.tally.core.domain.segment.Dependency;
import io.tally.core.domain.segment.SegmentSubject;
import io.tally.core.port.in.ApplyEventsUseCase;
import io.tally.core.port.in.ConsumerPrivacyUseCase;
import io.tally.core.port.in.GetConsumerUseCase;
import io.tally.core.port.in.UpdateMembershipUseCase;
import io.tally.core.port.out.BrandSettingsPort;
import io.tally.core.port.out.IdentityGraphPort;
import io.tally.core.port.out.IdentityGraphPort.Link;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.MembershipConflictException;
import io.tally.core.port.out.StaleProfileException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Resolves events to consumers through the identity graph and folds them into profiles.
 *
 * <p>Per call: events that share an identifier form one cluster; each cluster is resolved once (one link lookup,
 * one profile read) and written once. A cluster whose mergeable identifiers belong to several consumers merges
 * them into the oldest (an atomic write of survivor, redirects and moved links). New identifiers are linked with
 * conditional writes before the profile write; any lost race (a link taken, a version changed) re-runs the
 * cluster from its reads, so concurrent processors end with one consumer and no lost update.
 */
public class ProfileService implements ApplyEventsUseCase, GetConsumerUseCase, ConsumerPrivacyUseCase {

    /** Attempts of the resolve-fold-write cycle for one cluster before its deliveries are retried later. */
    public static final int MAX_ATTEMPTS = 8;
    private static final int MAX_REDIRECTS = 8;

    private final ProfileStorePort profiles;
    private final IdentityGraphPort graph;
    private final BrandSettingsPort settings;
    private final Clock clock;
    private final java.util.concurrent.Executor executor;
    private final Segments segments;

    /**
     * How profiles feed audience segments: which event names the brand's rules count (their times are kept on the
     * profile), and the membership update called after each consumer's write.
     *
     * @param countedEvents brand → event names its segment rules count
     * @param memberships   records segment enters and exits; null when segments are not in use
     */
    public record Segments(Function<String, Set<String>> countedEvents, UpdateMembershipUseCase memberships) {

        /** No segments: no event times kept, no memberships. */
        public static final Segments NONE = new Segments(brand -> Set.of(), null);
    }

    /**
     * @param executor runs the clusters of one call concurrently (they are independent; clusters that turn out to
     *                 share a consumer are reconciled by the version checks). The store's round trips dominate, so
     *                 a few threads per call cut its latency.
     */
    public ProfileService(ProfileStorePort profiles, IdentityGraphPort graph, BrandSettingsPort settings, Clock clock,
                          java.util.concurrent.Executor executor, Segments segments) {
        this.profiles = profiles;
        this.graph = graph;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.segments = segments;
    }

    /** Without segments. */
    public ProfileService(ProfileStorePort profiles, IdentityGraphPort graph, BrandSettingsPort settings, Clock clock,
                          java.util.concurrent.Executor executor) {
        this(profiles, graph, settings, clock, executor, Segments.NONE);
    }

    /** Applies clusters one after another, on the calling thread, without segments. */
    public ProfileService(ProfileStorePort profiles, IdentityGraphPort graph, BrandSettingsPort settings, Clock clock) {
        this(profiles, graph, settings, clock, Runnable::run);
    }

    private record Item(String deliveryId, String brandId, ChannelEvent event, SortedSet<Identifier> identifiers) {
    }

    private record Cluster(String brandId, List<Item> items, SortedSet<Identifier> identifiers) {
        Set<String> deliveries() {
            Set<String> ids = new LinkedHashSet<>();
            items.forEach(i -> ids.add(i.deliveryId()));
            return ids;
        }
    }

    private record Outcome(int applied, int duplicates, int blocked, int writes, int merges) {
    }

    @Override
    public ApplyResult apply(List<QueuedEnvelope> deliveries) {
        Map<String, String> failures = new LinkedHashMap<>();
        int applied = 0;
        int duplicates = 0;
        int blocked = 0;
        int writes = 0;
        int merges = 0;
        List<Cluster> clusters = clusters(deliveries);
        List<java.util.concurrent.CompletableFuture<Outcome>> outcomes = clusters.stream()
                .map(cluster -> java.util.concurrent.CompletableFuture.supplyAsync(() -> applyCluster(cluster), executor))
                .toList();
        for (int i = 0; i < clusters.size(); i++) {
            try {
                Outcome outcome = outcomes.get(i).join();
                applied += outcome.applied();
                duplicates += outcome.duplicates();
                blocked += outcome.blocked();
                writes += outcome.writes();
                merges += outcome.merges();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                clusters.get(i).deliveries().forEach(id -> failures.putIfAbsent(id, reason));
            }
        }
        return new ApplyResult(failures, applied, duplicates, blocked, writes, merges);
    }

    /**
     * Groups the events of a call: per brand, events sharing a mergeable identifier (transitively) form one cluster.
     * An event without mergeable identifiers (say, a device id alone) joins the events that share one of its
     * identifiers and have no mergeable identifier either; a shared device never ties two users' events together.
     */
    private List<Cluster> clusters(List<QueuedEnvelope> deliveries) {
        Map<String, List<Item>> byBrand = new LinkedHashMap<>();
        for (QueuedEnvelope delivery : deliveries) {
            var envelope = delivery.envelope();
            for (ConsumerEvent event : envelope.events()) {
                byBrand.computeIfAbsent(envelope.brandId(), b -> new ArrayList<>()).add(new Item(delivery.deliveryId(),
                        envelope.brandId(), new ChannelEvent(envelope.channelId(), event),
                        IdentifierExtractor.extract(envelope.channelId(), event)));
            }
        }
        List<Cluster> clusters = new ArrayList<>();
        byBrand.forEach((brand, items) -> {
            IdentityPolicy policy = settings.identityPolicy(brand);
            Map<Identifier, Integer> owner = new HashMap<>();
            int[] parent = new int[items.size()];
            for (int i = 0; i < items.size(); i++) {
                parent[i] = i;
                for (Identifier id : clusterKeys(items.get(i).identifiers(), policy)) {
                    Integer other = owner.putIfAbsent(id, i);
                    if (other != null) {
                        parent[find(parent, i)] = find(parent, other);
                    }
                }
            }
            Map<Integer, Cluster> byRoot = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                Cluster cluster = byRoot.computeIfAbsent(find(parent, i),
                        root -> new Cluster(brand, new ArrayList<>(), new TreeSet<>()));
                cluster.items().add(items.get(i));
                cluster.identifiers().addAll(items.get(i).identifiers());
            }
            clusters.addAll(byRoot.values());
        });
        return clusters;
    }

    private static Set<Identifier> clusterKeys(SortedSet<Identifier> identifiers, IdentityPolicy policy) {
        Set<Identifier> mergeable = new LinkedHashSet<>();
        identifiers.stream().filter(id -> policy.mayMerge(id.type())).forEach(mergeable::add);
        return mergeable.isEmpty() ? identifiers : mergeable;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private Outcome applyCluster(Cluster cluster) {
        String brand = cluster.brandId();
        IdentityPolicy policy = settings.identityPolicy(brand);
        LifecycleSettings lifecycle = settings.lifecycle(brand);
        Set<String> countedEvents = segments.countedEvents().apply(brand);
        List<ChannelEvent> events = cluster.items().stream().map(Item::event).toList();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Map<Identifier, Link> links = new HashMap<>(graph.find(brand, cluster.identifiers()));
            if (links.values().stream().anyMatch(link -> link.blockedAt(now))) {
                return new Outcome(0, 0, events.size(), 0, 0);
            }
            links.values().removeIf(link -> link.blockedUntil() != null);
            Map<Identifier, ConsumerProfile> owners = new LinkedHashMap<>();
            Map<String, ConsumerProfile> loaded = new HashMap<>();
            links.forEach((id, link) -> owners.put(id, live(brand, link.consumerId(), loaded)));
            Set<ConsumerProfile> mergeable = new LinkedHashSet<>();
            owners.forEach((id, profile) -> {
                if (policy.mayMerge(id.type())) {
                    mergeable.add(profile);
                }
            });
            List<ConsumerProfile> distinct = distinctByKey(mergeable);
            ConsumerProfile target;
            List<ConsumerProfile> losers = List.of();
            if (distinct.size() >= 2) {
                distinct.sort(SURVIVOR_ORDER);
                target = distinct.get(0);
                losers = distinct.subList(1, distinct.size());
            } else if (distinct.size() == 1) {
                target = distinct.get(0);
            } else if (!owners.isEmpty() && cluster.identifiers().stream().noneMatch(id -> policy.mayMerge(id.type()))) {
                target = owners.get(owners.keySet().stream().sorted().findFirst().orElseThrow());
            } else {
                Identifier strongest = cluster.identifiers().first();
                target = ConsumerProfile.newProfile(ConsumerIds.forIdentifier(brand, strongest.type(), strongest.value()));
            }
            ConsumerProfile base = losers.isEmpty() ? target
                    : target.absorb(losers, LocalDate.ofInstant(now, lifecycle.zone()));
            Set<String> resolvedIds = new HashSet<>();
            resolvedIds.add(target.key().consumerId());
            losers.forEach(loser -> resolvedIds.add(loser.key().consumerId()));
            List<Identifier> toRecord = new ArrayList<>();
            Map<Identifier, String> strayLinks = new LinkedHashMap<>();
            owners.forEach((id, owner) -> {
                if (resolvedIds.contains(owner.key().consumerId()) && !base.identifiers().contains(id.key())) {
                    toRecord.add(id);
                    strayLinks.put(id, links.get(id).consumerId());
                }
            });
            List<Identifier> toLink = new ArrayList<>();
            for (Identifier id : cluster.identifiers()) {
                if (!links.containsKey(id)
                        && base.identifiers().size() + toRecord.size() + toLink.size() < policy.maxIdentifiers()) {
                    toLink.add(id);
                }
            }
            toRecord.addAll(toLink);
            try {
                for (Identifier id : toLink) {
                    if (!graph.linkIfAbsent(brand, id, target.key().consumerId(), now)) {
                        throw new StaleProfileException(target.key());
                    }
                }
                ConsumerProfile.ProfileChange change = base.apply(events, toRecord, lifecycle, countedEvents, now);
                if (!losers.isEmpty()) {
                    Map<Identifier, String> relinks = new LinkedHashMap<>();
                    for (ConsumerProfile loser : losers) {
                        loser.identifiers().forEach(key -> relinks.put(Identifier.parse(key), loser.key().consumerId()));
                    }
                    strayLinks.forEach((id, linkedTo) -> {
                        if (!linkedTo.equals(target.key().consumerId())) {
                            relinks.putIfAbsent(id, linkedTo);
                        }
                    });
                    profiles.saveMerge(change.profile(), losers.stream()
                            .map(l -> l.redirectTo(target.key().consumerId())).toList(), relinks);
                    updateMemberships(change.profile(), null, now);
                    return new Outcome(change.applied(), change.duplicates(), 0, 1, losers.size());
                }
                if (change.applied() == 0 && toRecord.isEmpty()) {
                    updateMemberships(base, null, now);
                    return new Outcome(0, change.duplicates(), 0, 0, 0);
                }
                Map<Identifier, String> movedAway = new LinkedHashMap<>();
                strayLinks.forEach((id, linkedTo) -> {
                    if (!linkedTo.equals(target.key().consumerId())) {
                        movedAway.put(id, linkedTo);
                    }
                });
                if (movedAway.isEmpty()) {
                    profiles.save(change.profile());
                } else {
                    profiles.saveMerge(change.profile(), List.of(), movedAway);
                }
                updateMemberships(change.profile(),
                        change.duplicates() > 0 ? null : changed(base, change.profile()), now);
                return new Outcome(change.applied(), change.duplicates(), 0, 1, 0);
            } catch (StaleProfileException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Re-evaluates the consumer's segment memberships after its write ({@code changed}: what changed, so segments
     * that read none of it are skipped; null: evaluate every segment and clear any membership left on consumers
     * merged into this one, as after a merge or for a redelivery whose earlier attempt may have written the profile
     * but not the memberships).
     */
    private void updateMemberships(ConsumerProfile profile, Set<Dependency> changed, Instant now) {
        if (segments.memberships() == null || profile.version() == 0) {
            return;
        }
        if (changed == null) {
            profile.mergedFrom().forEach(mergedAway ->
                    segments.memberships().removeAll(new ConsumerKey(profile.key().brandId(), mergedAway)));
            segments.memberships().update(profile, now);
        } else if (!changed.isEmpty()) {
            segments.memberships().update(profile, now, changed);
        }
    }

    /** What a write changed, in the terms segment rules depend on. */
    static Set<Dependency> changed(ConsumerProfile before, ConsumerProfile after) {
        Set<Dependency> changed = EnumSet.noneOf(Dependency.class);
        if (!before.traits().equals(after.traits())) {
            changed.add(Dependency.TRAITS);
        }
        if (!before.channels().equals(after.channels())) {
            changed.add(Dependency.CHANNELS);
        }
        if (!before.consent().equals(after.consent())) {
            changed.add(Dependency.CONSENT);
        }
        if (!stageCodes(before).equals(stageCodes(after))) {
            changed.add(Dependency.STAGE);
        }
        var beforeFacts = before.lifecycle().facts();
        var afterFacts = after.lifecycle().facts();
        if (beforeFacts.orderCount() != afterFacts.orderCount() || beforeFacts.refundCount() != afterFacts.refundCount()) {
            changed.add(Dependency.ORDERS);
        }
        if (changed.contains(Dependency.ORDERS) || changed.contains(Dependency.STAGE)) {
            changed.add(Dependency.CLV);
            changed.add(Dependency.P_ALIVE);
        }
        if (!before.eventTimes().equals(after.eventTimes())) {
            changed.add(Dependency.EVENTS);
        }
        return changed;
    }

    private static Map<String, String> stageCodes(ConsumerProfile profile) {
        Map<String, String> codes = new HashMap<>();
        profile.lifecycle().stages().forEach((model, assignment) -> codes.put(model, assignment.stageCode()));
        return codes;
    }

    /** Oldest first (first seen; never-seen last), then by consumer id: the deterministic survivor of a merge. */
    private static final Comparator<ConsumerProfile> SURVIVOR_ORDER = Comparator
            .comparing(ConsumerProfile::firstSeen, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(p -> p.key().consumerId());

    private static List<ConsumerProfile> distinctByKey(Set<ConsumerProfile> profiles) {
        Map<String, ConsumerProfile> byId = new LinkedHashMap<>();
        profiles.forEach(p -> byId.putIfAbsent(p.key().consumerId(), p));
        return new ArrayList<>(byId.values());
    }

    /** The live profile of {@code consumerId} (following merge redirects), or a new one if none is stored yet. */
    private ConsumerProfile live(String brand, String consumerId, Map<String, ConsumerProfile> cache) {
        String id = consumerId;
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            ConsumerKey key = new ConsumerKey(brand, id);
            ConsumerProfile profile = cache.computeIfAbsent(id,
                    k -> profiles.load(key).orElseGet(() -> ConsumerProfile.newProfile(key)));
            if (!profile.merged()) {
                return profile;
            }
            id = profile.mergedInto();
        }
        throw new IllegalStateException("merge redirects of consumer " + consumerId + " do not end");
    }

    @Override
    public Optional<ConsumerProfile> get(ConsumerKey key) {
        return profiles.load(key).map(p -> p.merged() ? live(key.brandId(), p.mergedInto(), new HashMap<>()) : p)
                .filter(p -> p.version() > 0);
    }

    @Override
    public Optional<ConsumerProfile> findByIdentifier(String brandId, Identifier identifier) {
        Link link = graph.find(brandId, List.of(identifier)).get(identifier);
        if (link == null || link.blockedUntil() != null) {
            return Optional.empty();
        }
        return Optional.of(live(brandId, link.consumerId(), new HashMap<>())).filter(p -> p.version() > 0);
    }

    @Override
    public ConsumerProfile recordConsent(ConsumerKey key, String purpose, String channel, boolean granted,
                                         Instant at) {
        for (int attempt = 1; ; attempt++) {
            ConsumerProfile current = get(key).orElseThrow(() -> new ConsumerNotFoundException(key));
            ConsumerProfile next = current.withConsent(purpose, channel, granted, at);
            try {
                profiles.save(next);
                try {
                    updateMemberships(next, changed(current, next), clock.instant());
                } catch (MembershipConflictException e) {
                    // the consent is stored; memberships that kept conflicting are settled by the daily recompute
                }
                return next;
            } catch (StaleProfileException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public ErasureReport erase(ConsumerKey key) {
        ConsumerProfile profile = get(key).orElseThrow(() -> new ConsumerNotFoundException(key));
        Instant now = clock.instant();
        Instant until = now.plus(settings.identityPolicy(key.brandId()).erasureBlock());
        List<String> blocked = new ArrayList<>();
        for (String identifier : profile.identifiers()) {
            graph.block(key.brandId(), Identifier.parse(identifier), until);
            blocked.add(identifier);
        }
        int deleted = 0;
        for (String id : profile.mergedFrom()) {
            profiles.delete(new ConsumerKey(key.brandId(), id));
            deleted++;
        }
        profiles.delete(profile.key());
        if (segments.memberships() != null) {
            segments.memberships().removeAll(profile.key());
        }
        if (!profile.key().equals(key) && !profile.mergedFrom().contains(key.consumerId())) {
            profiles.delete(key);
            deleted++;
        }
        return new ErasureReport(profile.key().consumerId(), deleted + 1, blocked, until, now);
    }
}
