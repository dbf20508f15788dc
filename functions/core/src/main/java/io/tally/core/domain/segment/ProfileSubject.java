package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsentQuestion;
import io.tally.core.domain.consumer.ConsumerProfile;
import io.tally.core.domain.consumer.TimedValue;
import io.tally.core.domain.lifecycle.LifecycleFacts;
import io.tally.core.domain.lifecycle.LifecycleState;
import io.tally.core.domain.lifecycle.RecentTimes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What segment rules read about a stored consumer: traits, channels, consent and id from the {@link ConsumerProfile},
 * and the facts the profile does not hold itself passed in explicitly — lifecycle facts (orders, their value, the
 * last purchase), the stage in each lifecycle model, the CLV and P(alive) estimates, and recent event times per event
 * name.
 *
 * <p>Approximations, from what {@link LifecycleFacts} keeps:
 * <ul>
 *   <li>orders in a window are counted from the {@value LifecycleFacts#ORDER_HISTORY} most recent order times, so
 *       counts are exact up to that number;</li>
 *   <li>the value of the orders in a window is exact when every order the consumer ever placed is in the window;
 *       otherwise it is the orders in the window times the consumer's average order value.</li>
 * </ul>
 * Event counts are exact for the times passed in.
 */
public final class ProfileSubject implements SegmentSubject {

    private static final long[] NONE = new long[0];

    private final ConsumerProfile profile;
    private final LifecycleFacts facts;
    private final Map<String, String> stages;
    private final double clv;
    private final double pAlive;
    private final Map<String, long[]> eventTimes;

    /**
     * @param profile    the stored profile (traits, channels, consent, id)
     * @param facts      the consumer's lifecycle facts ({@link LifecycleFacts#empty()} when unknown)
     * @param stages     stage code per lifecycle model, e.g. {@code aipl → P}
     * @param clv        estimated lifetime value, NaN while not estimated
     * @param pAlive     estimated probability of being alive, NaN while not estimated
     * @param eventTimes recent times (epoch milliseconds, ascending) of each event name; the arrays are not copied
     *                   and must not change afterwards
     */
    public ProfileSubject(ConsumerProfile profile, LifecycleFacts facts, Map<String, String> stages, double clv,
                          double pAlive, Map<String, long[]> eventTimes) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.stages = Map.copyOf(stages);
        this.clv = clv;
        this.pAlive = pAlive;
        this.eventTimes = Map.copyOf(eventTimes);
    }

    /**
     * A subject of what the profile holds: its lifecycle facts and stages (a model without a stage is left out) and
     * the times of the events its brand's rules count, with the estimates unknown (NaN).
     */
    public static ProfileSubject of(ConsumerProfile profile) {
        return of(profile, Double.NaN, Double.NaN);
    }

    /**
     * A subject of what the profile holds, as {@link #of(ConsumerProfile)}, with the given estimates.
     *
     * @param clv    estimated lifetime value, NaN while not estimated
     * @param pAlive estimated probability of being alive, NaN while not estimated
     */
    public static ProfileSubject of(ConsumerProfile profile, double clv, double pAlive) {
        LifecycleState lifecycle = profile.lifecycle();
        Map<String, String> stages = new HashMap<>();
        lifecycle.stages().forEach((model, assignment) -> {
            if (!assignment.isNone()) {
                stages.put(model, assignment.stageCode());
            }
        });
        return new ProfileSubject(profile, lifecycle.facts(), stages, clv, pAlive, profile.eventTimes().asMillis());
    }

    @Override
    public String consumerId() {
        return profile.key().consumerId();
    }

    @Override
    public Object trait(String name) {
        TimedValue value = profile.traits().get(name);
        return value == null ? null : value.value();
    }

    @Override
    public String stage(String model) {
        return stages.get(model);
    }

    @Override
    public long ordersWithinDays(int days, Instant now) {
        return ordersIn(days, now.toEpochMilli());
    }

    @Override
    public double gmvWithinDays(int days, Instant now) {
        int inWindow = ordersIn(days, now.toEpochMilli());
        if (inWindow == 0 || facts.orderCount() == 0) {
            return 0;
        }
        double total = facts.orderValue().doubleValue();
        return inWindow >= facts.orderCount() ? total : inWindow * (total / facts.orderCount());
    }

    private int ordersIn(int days, long end) {
        RecentTimes orders = facts.recentOrders();
        long start = end - days * SortedTimes.DAY_MILLIS;
        int count = 0;
        for (int i = 0; i < orders.size(); i++) {
            long at = orders.millisAt(i);
            if (at <= start) {
                break;
            }
            if (at <= end) {
                count++;
            }
        }
        return count;
    }

    @Override
    public Instant lastPurchase() {
        return facts.lastPurchaseAt();
    }

    @Override
    public double clv() {
        return clv;
    }

    @Override
    public double pAlive() {
        return pAlive;
    }

    @Override
    public boolean seenInChannel(String channel) {
        return profile.channels().contains(channel);
    }

    @Override
    public int eventCountWithinDays(String eventName, int days, Instant now) {
        long[] times = eventTimes.getOrDefault(eventName, NONE);
        long end = now.toEpochMilli();
        return SortedTimes.countWithin(times, days, end);
    }

    /** {@link ConsumerProfile#consentFor}; refused or never asked is false. */
    @Override
    public boolean consent(ConsentQuestion question) {
        return profile.consentFor(question).orElse(false);
    }

    @Override
    public String toString() {
        return "ProfileSubject[" + profile.key() + "]";
    }
}
