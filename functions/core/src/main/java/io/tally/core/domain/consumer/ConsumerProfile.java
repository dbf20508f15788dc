package io.tally.core.domain.consumer;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What Tally knows about one consumer of one brand. Every fold of events into a profile is commutative
 * (counts add, first-seen is a minimum, last-seen a maximum, sets unite), so the same events in any order
 * give the same profile, and a standard (unordered, at-least-once) queue is enough.
 *
 * @param key            brand and consumer id
 * @param eventCount     events applied
 * @param firstSeen      earliest event time
 * @param lastSeen       latest event time
 * @param channels       channels the consumer was seen in
 * @param identifiers    identifiers seen, as {@code type:value} (e.g. {@code anonymousId:a1})
 * @param recentMessages fingerprints of recently applied message ids (de-duplication)
 * @param version        optimistic-concurrency version; 0 for a profile not yet stored
 */
public record ConsumerProfile(ConsumerKey key, long eventCount, Instant firstSeen, Instant lastSeen,
                              SortedSet<String> channels, SortedSet<String> identifiers,
                              RecentMessages recentMessages, long version) {

    public ConsumerProfile {
        Objects.requireNonNull(key, "key");
        channels = Collections.unmodifiableSortedSet(new TreeSet<>(channels));
        identifiers = Collections.unmodifiableSortedSet(new TreeSet<>(identifiers));
        Objects.requireNonNull(recentMessages, "recentMessages");
    }

    /** A consumer Tally has not seen yet. */
    public static ConsumerProfile newProfile(ConsumerKey key) {
        return new ConsumerProfile(key, 0, null, null, new TreeSet<>(), new TreeSet<>(), RecentMessages.empty(), 0);
    }

    /**
     * Folds events into this profile, skipping those whose message id it has already applied.
     *
     * @return the new profile (version + 1) and how many events were applied and skipped
     */
    public ProfileChange apply(Collection<ChannelEvent> events) {
        long count = eventCount;
        Instant first = firstSeen;
        Instant last = lastSeen;
        TreeSet<String> allChannels = new TreeSet<>(channels);
        TreeSet<String> allIdentifiers = new TreeSet<>(identifiers);
        RecentMessages recent = recentMessages;
        int applied = 0;
        int duplicates = 0;
        for (ChannelEvent channelEvent : events) {
            var event = channelEvent.event();
            if (recent.contains(event.messageId())) {
                duplicates++;
                continue;
            }
            recent = recent.plus(event.messageId());
            count++;
            first = first == null || event.timestamp().isBefore(first) ? event.timestamp() : first;
            last = last == null || event.timestamp().isAfter(last) ? event.timestamp() : last;
            allChannels.add(channelEvent.channelId());
            event.optionalUserId().ifPresent(id -> allIdentifiers.add(IdentifierType.USER_ID.wireName() + ':' + id));
            event.optionalAnonymousId()
                    .ifPresent(id -> allIdentifiers.add(IdentifierType.ANONYMOUS_ID.wireName() + ':' + id));
            applied++;
        }
        ConsumerProfile next = new ConsumerProfile(key, count, first, last, allChannels, allIdentifiers, recent,
                version + 1);
        return new ProfileChange(next, applied, duplicates);
    }

    /** The result of {@link #apply}: nothing needs writing when {@code applied} is 0. */
    public record ProfileChange(ConsumerProfile profile, int applied, int duplicates) {
    }
}
