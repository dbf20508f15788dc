package io.tally.core.service;

import io.tally.core.domain.consumer.ChannelEvent;
import io.tally.core.domain.consumer.ConsumerIds;
import io.tally.core.domain.consumer.ConsumerKey;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.IdentifierType;
import io.tally.core.domain.event.ConsumerEvent;
import io.tally.core.port.in.ApplyEventsUseCase;
import io.tally.core.port.in.GetConsumerUseCase;
import io.tally.core.port.out.ProfileStorePort;
import io.tally.core.port.out.StaleProfileException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds queued events into consumer profiles: groups a batch by consumer, reads each profile once, skips
 * events it already holds, and writes it back once with a version check, re-reading on a lost race.
 */
public class ProfileService implements ApplyEventsUseCase, GetConsumerUseCase {

    /** Attempts of the read-fold-write cycle for one consumer before its deliveries are retried later. */
    public static final int MAX_ATTEMPTS = 8;

    private final ProfileStorePort profiles;

    public ProfileService(ProfileStorePort profiles) {
        this.profiles = profiles;
    }

    @Override
    public ApplyResult apply(List<QueuedEnvelope> deliveries) {
        Map<ConsumerKey, List<ChannelEvent>> eventsByConsumer = new LinkedHashMap<>();
        Map<ConsumerKey, Set<String>> deliveriesByConsumer = new LinkedHashMap<>();
        for (QueuedEnvelope delivery : deliveries) {
            var envelope = delivery.envelope();
            for (ConsumerEvent event : envelope.events()) {
                ConsumerKey key = ConsumerIds.forEvent(envelope.brandId(), event);
                eventsByConsumer.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new ChannelEvent(envelope.channelId(), event));
                deliveriesByConsumer.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(delivery.deliveryId());
            }
        }
        Map<String, String> failures = new LinkedHashMap<>();
        int applied = 0;
        int duplicates = 0;
        int writes = 0;
        for (var entry : eventsByConsumer.entrySet()) {
            try {
                ConsumerProfile.ProfileChange change = applyToConsumer(entry.getKey(), entry.getValue());
                applied += change.applied();
                duplicates += change.duplicates();
                writes += change.applied() > 0 ? 1 : 0;
            } catch (RuntimeException e) {
                String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                deliveriesByConsumer.get(entry.getKey()).forEach(id -> failures.putIfAbsent(id, reason));
            }
        }
        return new ApplyResult(failures, applied, duplicates, writes);
    }

    private ConsumerProfile.ProfileChange applyToConsumer(ConsumerKey key, List<ChannelEvent> events) {
        for (int attempt = 1; ; attempt++) {
            ConsumerProfile current = profiles.load(key).orElseGet(() -> ConsumerProfile.newProfile(key));
            ConsumerProfile.ProfileChange change = current.apply(events);
            if (change.applied() == 0) {
                return change;
            }
            try {
                profiles.save(change.profile());
                return change;
            } catch (StaleProfileException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<ConsumerProfile> get(ConsumerKey key) {
        return profiles.load(key);
    }

    @Override
    public Optional<ConsumerProfile> findByIdentifier(String brandId, IdentifierType type, String value) {
        return profiles.load(ConsumerIds.forIdentifier(brandId, type, value));
    }
}
