package io.tally.core.domain.consumer;

import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.domain.identity.Identifier;
import io.tally.core.domain.lifecycle.LifecycleSettings;
import io.tally.core.domain.lifecycle.LifecycleState;
import io.tally.core.domain.lifecycle.LifecycleTracker;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Tally knows about one consumer of one brand. Every fold of events into a profile is commutative
 * (counts add, first-seen is a minimum, last-seen a maximum, sets unite, traits and consent are last-writer-wins
 * by event time), so the same events in any order give the same profile, and a standard (unordered,
 * at-least-once) queue is enough. A merged-away profile keeps only a redirect to its survivor.
 *
 * @param key            brand and consumer id
 * @param eventCount     events applied
 * @param firstSeen      earliest event time
 * @param lastSeen       latest event time
 * @param channels       channels the consumer was seen in
 * @param identifiers    linked identifiers as {@code type:value} keys (phone and email as keyed hashes)
 * @param traits         traits by name, last-writer-wins by event time
 * @param consent        consent by {@code purpose/channel} ({@code *} for every channel), a Boolean, last-writer-wins
 *                       per key (a refusal on a tie); decided by {@link ConsentRule}
 * @param recentMessages fingerprints of recently applied message ids (de-duplication)
 * @param mergedInto     consumer id this profile was merged into, or null while it is live
 * @param mergedFrom     consumer ids merged into this one (their redirects are erased with it)
 * @param lifecycle      lifecycle facts, stages, review day and day logs
 * @param eventTimes     recent times of the named events the brand's segment rules count
 * @param version        optimistic-concurrency version; 0 for a profile not yet stored
 */
public record ConsumerProfile(ConsumerKey key, long eventCount, Instant firstSeen, Instant lastSeen,
                              SortedSet<String> channels, SortedSet<String> identifiers,
                              SortedMap<String, TimedValue> traits, SortedMap<String, TimedValue> consent,
                              RecentMessages recentMessages, String mergedInto, SortedSet<String> mergedFrom,
                              LifecycleState lifecycle, EventTimes eventTimes, long version) {

    public ConsumerProfile {
        Objects.requireNonNull(key, "key");
        channels = Collections.unmodifiableSortedSet(new TreeSet<>(channels));
        identifiers = Collections.unmodifiableSortedSet(new TreeSet<>(identifiers));
        traits = Collections.unmodifiableSortedMap(new TreeMap<>(traits));
        consent = Collections.unmodifiableSortedMap(new TreeMap<>(consent));
        mergedFrom = Collections.unmodifiableSortedSet(new TreeSet<>(mergedFrom));
        Objects.requireNonNull(recentMessages, "recentMessages");
        lifecycle = lifecycle == null ? LifecycleState.empty() : lifecycle;
        eventTimes = eventTimes == null ? EventTimes.empty() : eventTimes;
    }

    /** A consumer Tally has not seen yet. */
    public static ConsumerProfile newProfile(ConsumerKey key) {
        return new ConsumerProfile(key, 0, null, null, new TreeSet<>(), new TreeSet<>(), new TreeMap<>(),
                new TreeMap<>(), RecentMessages.empty(), null, new TreeSet<>(), LifecycleState.empty(),
                EventTimes.empty(), 0);
    }

    public boolean merged() {
        return mergedInto != null;
    }

    /** Whether the consumer granted {@code purpose} on {@code channel} ({@link ConsentRule}); empty if never said. */
    public Optional<Boolean> consentFor(String purpose, String channel) {
        return consentFor(ConsentQuestion.of(purpose, channel));
    }

    /** As {@link #consentFor(String, String)}, for a question asked of many consumers. */
    public Optional<Boolean> consentFor(ConsentQuestion question) {
        return ConsentRule.decide(consent, question);
    }

    /**
     * Folds events into this profile, skipping those whose message id it has already applied; links the given
     * identifiers; maps the applied events to lifecycle facts and re-evaluates the stages at {@code now}
     * ({@link LifecycleTracker#apply}); keeps the times of the {@code track} events named in {@code countedEvents}
     * (the names the brand's segment rules count; times of other names are dropped).
     *
     * @return the new profile (version + 1) and how many events were applied and skipped
     */
    public ProfileChange apply(Collection<ChannelEvent> events, Collection<Identifier> newIdentifiers,
                               LifecycleSettings lifecycleSettings, Set<String> countedEvents, Instant now) {
        Builder next = new Builder(this);
        List<LifecycleTracker.ChannelFact> facts = new ArrayList<>();
        Map<String, List<Instant>> counted = new TreeMap<>();
        newIdentifiers.forEach(id -> next.identifiers.add(id.key()));
        int applied = 0;
        int duplicates = 0;
        for (ChannelEvent channelEvent : events) {
            ConsumerEvent event = channelEvent.event();
            long fingerprint = RecentMessages.fingerprint(event.messageId());
            if (next.recent.containsFingerprint(fingerprint)) {
                duplicates++;
                continue;
            }
            next.recent = next.recent.plusFingerprint(fingerprint);
            next.add(channelEvent);
            if (event.type() == io.tally.core.domain.event.EventType.TRACK && event.event() != null
                    && countedEvents.contains(event.event())) {
                counted.computeIfAbsent(event.event(), name -> new ArrayList<>()).add(event.timestamp());
            }
            lifecycleSettings.mapping().map(event.type().wireName(), event.event(), event.properties(),
                    event.traits(), event.timestamp()).forEach(fact ->
                    facts.add(new LifecycleTracker.ChannelFact(channelEvent.channelId(), fact)));
            applied++;
        }
        next.lifecycle = LifecycleTracker.apply(lifecycle, facts, lifecycleSettings, now);
        next.eventTimes = next.eventTimes.plusAll(counted).retain(countedEvents);
        return new ProfileChange(next.build(version + 1), applied, duplicates);
    }

    /**
     * As {@link #apply(Collection, Collection, LifecycleSettings, Set, Instant)} with the default lifecycle models,
     * evaluated as of the latest event time, and no counted events: for callers without a clock or brand settings.
     */
    public ProfileChange apply(Collection<ChannelEvent> events, Collection<Identifier> newIdentifiers) {
        Instant latest = events.stream().map(e -> e.event().timestamp()).reduce(lastSeen, ConsumerProfile::max);
        return apply(events, newIdentifiers, LifecycleSettings.DEFAULT, Set.of(),
                latest == null ? Instant.EPOCH : latest);
    }

    /** As {@link #apply(Collection, Collection)} without new identifiers. */
    public ProfileChange apply(Collection<ChannelEvent> events) {
        return apply(events, List.of());
    }

    /**
     * This profile with others' facts folded in, as the survivor of a merge ({@code today}: the day their stages
     * are logged as left, see {@link LifecycleTracker#absorb}). The version stays: the caller's next
     * {@link #apply} produces the one write.
     */
    public ConsumerProfile absorb(Collection<ConsumerProfile> others, LocalDate today) {
        Builder next = new Builder(this);
        next.lifecycle = LifecycleTracker.absorb(lifecycle, others.stream().map(ConsumerProfile::lifecycle).toList(),
                today);
        for (ConsumerProfile other : others) {
            next.eventTimes = next.eventTimes.merge(other.eventTimes);
        }
        for (ConsumerProfile other : others) {
            next.mergedFrom.add(other.key.consumerId());
            next.mergedFrom.addAll(other.mergedFrom);
            next.count += other.eventCount;
            next.first = min(next.first, other.firstSeen);
            next.last = max(next.last, other.lastSeen);
            next.channels.addAll(other.channels);
            next.identifiers.addAll(other.identifiers);
            other.traits.forEach((name, value) -> next.traits.merge(name, value, TimedValue::latest));
            other.consent.forEach((name, value) -> next.consent.merge(name, value, ConsentRule::later));
            next.recent = next.recent.union(other.recentMessages);
        }
        return next.build(version);
    }

    /** What remains of a merged-away profile: only a redirect to the survivor, no personal data (version + 1). */
    public ConsumerProfile redirectTo(String survivorId) {
        return new ConsumerProfile(key, 0, null, null, new TreeSet<>(), new TreeSet<>(), new TreeMap<>(),
                new TreeMap<>(), RecentMessages.empty(), survivorId, new TreeSet<>(), LifecycleState.empty(),
                EventTimes.empty(), version + 1);
    }

    /** This profile with a consent statement applied (version + 1). */
    public ConsumerProfile withConsent(String purpose, String channel, boolean granted, Instant at) {
        Builder next = new Builder(this);
        next.consent.merge(purpose + '/' + channel, new TimedValue(granted, at), ConsentRule::later);
        return next.build(version + 1);
    }

    /** This profile with its lifecycle state replaced (version + 1): the daily re-evaluation of expired stages. */
    public ConsumerProfile withLifecycle(LifecycleState next) {
        Builder builder = new Builder(this);
        builder.lifecycle = next;
        return builder.build(version + 1);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isBefore(a) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }

    /** Mutable working copy used by the folds above. */
    private static final class Builder {
        private final ConsumerKey key;
        private long count;
        private Instant first;
        private Instant last;
        private final TreeSet<String> channels;
        private final TreeSet<String> identifiers;
        private final TreeMap<String, TimedValue> traits;
        private final TreeMap<String, TimedValue> consent;
        private final TreeSet<String> mergedFrom;
        private RecentMessages recent;
        private LifecycleState lifecycle;
        private EventTimes eventTimes;

        Builder(ConsumerProfile from) {
            key = from.key;
            count = from.eventCount;
            first = from.firstSeen;
            last = from.lastSeen;
            channels = new TreeSet<>(from.channels);
            identifiers = new TreeSet<>(from.identifiers);
            traits = new TreeMap<>(from.traits);
            consent = new TreeMap<>(from.consent);
            mergedFrom = new TreeSet<>(from.mergedFrom);
            recent = from.recentMessages;
            lifecycle = from.lifecycle;
            eventTimes = from.eventTimes;
        }

        void add(ChannelEvent channelEvent) {
            ConsumerEvent event = channelEvent.event();
            count++;
            first = min(first, event.timestamp());
            last = max(last, event.timestamp());
            channels.add(channelEvent.channelId());
            traitsOf(event).forEach((name, value) ->
                    traits.merge(name, new TimedValue(value, event.timestamp()), TimedValue::latest));
            if (event.context().get("consent") instanceof Map<?, ?> consentContext
                    && consentContext.get("categoryPreferences") instanceof Map<?, ?> preferences) {
                preferences.forEach((purpose, granted) -> {
                    if (granted instanceof Boolean b) {
                        consent.merge(purpose + "/*", new TimedValue(b, event.timestamp()), ConsentRule::later);
                    }
                });
            }
        }

        private static Map<String, Object> traitsOf(ConsumerEvent event) {
            Map<String, Object> all = new TreeMap<>();
            if (event.context().get("traits") instanceof Map<?, ?> contextTraits) {
                contextTraits.forEach((k, v) -> all.put(String.valueOf(k), v));
            }
            if (event.type() == io.tally.core.domain.event.EventType.IDENTIFY) {
                all.putAll(event.traits());
            }
            all.values().removeIf(java.util.Objects::isNull);
            return all;
        }

        ConsumerProfile build(long version) {
            return new ConsumerProfile(key, count, first, last, channels, identifiers, traits, consent, recent, null,
                    mergedFrom, lifecycle, eventTimes, version);
        }
    }

    /** The result of {@link #apply}: nothing needs writing when {@code applied} is 0 and no identifier is new. */
    public record ProfileChange(ConsumerProfile profile, int applied, int duplicates) {
    }
}
