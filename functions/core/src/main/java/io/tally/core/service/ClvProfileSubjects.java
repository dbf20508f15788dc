package io.tally.core.service;

import io.tally.core.domain.clv.ClvSettings;
import io.tally.core.domain.clv.ConsumerValuation;
import io.tally.core.domain.clv.UndefinedSpendException;
import io.tally.core.domain.consumer.ConsentQuestion;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.segment.ProfileSubject;
import io.tally.core.domain.segment.ProfileSubjects;
import io.tally.core.domain.segment.SegmentSubject;
import io.tally.core.port.out.BrandSettingsPort;
import io.tally.core.port.out.ClvStorePort;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Segment subjects whose {@code clv} and {@code pAlive} are estimated on the fly: the consumer valued from its stored
 * lifecycle facts and stages with its brand's latest converged fit (and latest first-purchase flows), re-read every
 * {@code cacheFor} per brand. A brand without a converged fit, and a consumer whose history cannot be read, get NaN
 * (every comparison false); {@code pAlive} of a consumer who never bought is NaN too (BG/NBD says nothing about them).
 */
public class ClvProfileSubjects implements ProfileSubjects {

    private final ClvStorePort store;
    private final BrandSettingsPort brands;
    private final Clock clock;
    private final Duration cacheFor;
    private final Map<String, Cached> valuers = new ConcurrentHashMap<>();

    private record Cached(Optional<BrandValuers.Valuer> valuer, ClvSettings settings, Instant loadedAt) {
    }

    public ClvProfileSubjects(ClvStorePort store, BrandSettingsPort brands, Clock clock, Duration cacheFor) {
        this.store = store;
        this.brands = brands;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    /**
     * A subject whose estimates are computed on first use: a consumer evaluated only against rules that do not read
     * {@code clv} or {@code pAlive} costs no valuation and no read of the brand's fit.
     */
    @Override
    public SegmentSubject subjectOf(ConsumerProfile profile) {
        return new EstimatedSubject(profile);
    }

    private ProfileSubject estimate(ConsumerProfile profile) {
        Instant now = clock.instant();
        Cached cached = valuers.compute(profile.key().brandId(), (brand, held) ->
                held != null && now.isBefore(held.loadedAt().plus(cacheFor)) ? held : load(brand, now));
        if (cached.valuer().isEmpty()) {
            return ProfileSubject.of(profile);
        }
        try {
            ConsumerValuation valuation = cached.valuer().get().valuer().value(profile.lifecycle().facts(),
                    ConsumerValuation.stageCodes(profile.lifecycle().stages()), Set.of(), Set.of(), now);
            return ProfileSubject.of(profile, valuation.value(),
                    valuation.buyer() ? valuation.probabilityAlive() : Double.NaN);
        } catch (IllegalArgumentException | UndefinedSpendException unreadable) {
            return ProfileSubject.of(profile);
        }
    }

    /** The profile as rules read it, valued only when a rule asks for an estimate. */
    private final class EstimatedSubject implements SegmentSubject {

        private final ConsumerProfile profile;
        private final ProfileSubject plain;
        private ProfileSubject estimated;

        EstimatedSubject(ConsumerProfile profile) {
            this.profile = profile;
            this.plain = ProfileSubject.of(profile);
        }

        private ProfileSubject estimated() {
            if (estimated == null) {
                estimated = estimate(profile);
            }
            return estimated;
        }

        @Override
        public String consumerId() {
            return plain.consumerId();
        }

        @Override
        public Object trait(String name) {
            return plain.trait(name);
        }

        @Override
        public String stage(String model) {
            return plain.stage(model);
        }

        @Override
        public long ordersWithinDays(int days, Instant now) {
            return plain.ordersWithinDays(days, now);
        }

        @Override
        public double gmvWithinDays(int days, Instant now) {
            return plain.gmvWithinDays(days, now);
        }

        @Override
        public Instant lastPurchase() {
            return plain.lastPurchase();
        }

        @Override
        public double clv() {
            return estimated().clv();
        }

        @Override
        public double pAlive() {
            return estimated().pAlive();
        }

        @Override
        public boolean seenInChannel(String channel) {
            return plain.seenInChannel(channel);
        }

        @Override
        public int eventCountWithinDays(String eventName, int days, Instant now) {
            return plain.eventCountWithinDays(eventName, days, now);
        }

        @Override
        public boolean consent(ConsentQuestion question) {
            return plain.consent(question);
        }
    }

    private Cached load(String brandId, Instant now) {
        ClvSettings settings = BrandValuers.settings(brands, brandId);
        LocalDate tomorrow = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
        return new Cached(BrandValuers.latest(store, brandId, tomorrow, settings), settings, now);
    }
}
