package io.tally.core.domain.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keeps a consumer's {@link LifecycleState} current: folds new facts, re-evaluates every stage model, logs the
 * stage changes and the commerce in the day's {@link DayLog}, and keeps the day the consumer must be looked at
 * again when a window runs out.
 */
public final class LifecycleTracker {

    /** A fact with the channel of the event it came from. */
    public record ChannelFact(String channel, FactEvent fact) {
        public ChannelFact {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(fact, "fact");
        }
    }

    private LifecycleTracker() {
    }

    /**
     * The state after newly applied events (already de-duplicated). Stages are evaluated at {@code now}; a change
     * is logged on today's log under the channel of the latest event (or {@link StageTransition#EXPIRY} when the
     * events carried no fact and only time moved the stage). The review day only moves earlier here (a later
     * expiry is found by the daily job, which then re-indexes the consumer), unless it has passed: then it is set
     * anew, so a consumer the job missed is never left behind.
     */
    public static LifecycleState apply(LifecycleState before, List<ChannelFact> facts, LifecycleSettings settings,
                                       Instant now) {
        ZoneId zone = settings.zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LifecycleFacts folded = before.facts();
        for (ChannelFact fact : facts) {
            folded = folded.fold(fact.fact());
        }
        Map<String, StageAssignment> stages = settings.models().evaluate(folded, now);
        String channel = facts.stream().max(Comparator.comparing((ChannelFact f) -> f.fact().timestamp()))
                .map(ChannelFact::channel).orElse(StageTransition.EXPIRY);
        List<StageTransition> transitions = StageTransition.between(before.stages(), stages, today, channel);
        DayLog log = before.logOf(today).plusFlows(transitions).plusCommerce(commerce(before.facts(), folded, facts,
                zone));
        LocalDate earliest = day(StageModels.earliestExpiry(stages), zone);
        LocalDate review = before.reviewOn() == null || before.reviewOn().isBefore(today) ? earliest
                : earliest != null && earliest.isBefore(before.reviewOn()) ? earliest : before.reviewOn();
        return before.with(folded, stages, review).withLog(log);
    }

    /**
     * The state after time alone moved on to {@code now} (the daily expiry job). A change is logged on the day the
     * previous stage expired (yesterday at the earliest), under {@link StageTransition#EXPIRY}; the review day
     * becomes the day of the new earliest expiry.
     */
    public static LifecycleState reevaluate(LifecycleState before, LifecycleSettings settings, Instant now) {
        ZoneId zone = settings.zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Map<String, StageAssignment> stages = settings.models().evaluate(before.facts(), now);
        LifecycleState next = before.with(before.facts(), stages,
                day(StageModels.earliestExpiry(stages), zone));
        Map<LocalDate, List<StageTransition>> byDay = new TreeMap<>();
        for (StageTransition transition : StageTransition.between(before.stages(), stages, today,
                StageTransition.EXPIRY)) {
            StageAssignment previous = before.stages().get(transition.model());
            LocalDate expired = previous == null ? null : day(previous.expiresAt(), zone);
            LocalDate logDay = expired == null || expired.isAfter(today) ? today
                    : expired.isBefore(today.minusDays(1)) ? today.minusDays(1) : expired;
            byDay.computeIfAbsent(logDay, d -> new ArrayList<>()).add(new StageTransition(transition.model(),
                    transition.from(), transition.to(), logDay, StageTransition.EXPIRY));
        }
        for (Map.Entry<LocalDate, List<StageTransition>> entry : byDay.entrySet()) {
            next = next.withLog(next.logOf(entry.getKey()).plusFlows(entry.getValue()));
        }
        return next;
    }

    /**
     * {@code survivor}'s state after absorbing merged-away consumers: their facts join, and each of their stages is
     * logged as a flow to no stage (channel {@link DayLog#MERGE}) today, since they stop counting as consumers.
     */
    public static LifecycleState absorb(LifecycleState survivor, List<LifecycleState> absorbed, LocalDate today) {
        LifecycleState next = survivor;
        List<StageTransition> leaving = new ArrayList<>();
        for (LifecycleState other : absorbed) {
            next = next.absorb(other);
            other.stages().forEach((model, assignment) -> {
                if (!assignment.isNone()) {
                    leaving.add(new StageTransition(model, assignment.stageCode(), null, today, DayLog.MERGE));
                }
            });
        }
        return next.withLog(next.logOf(today).plusFlows(leaving));
    }

    private static Map<DayLog.CommerceKey, DailyMetrics> commerce(LifecycleFacts before, LifecycleFacts after,
                                                                  List<ChannelFact> facts, ZoneId zone) {
        Map<DayLog.CommerceKey, DailyMetrics> commerce = new HashMap<>();
        Map<LocalDate, ChannelFact> firstPurchaseOfDay = new HashMap<>();
        for (ChannelFact fact : facts) {
            FactKind kind = fact.fact().kind();
            if (kind != FactKind.PURCHASE && kind != FactKind.REFUND) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(fact.fact().timestamp(), zone);
            commerce.merge(new DayLog.CommerceKey(day, fact.channel()), DailyMetrics.empty().fold(fact.fact()),
                    DailyMetrics::plus);
            if (kind == FactKind.PURCHASE) {
                firstPurchaseOfDay.merge(day, fact, (a, b) -> b.fact().timestamp().isBefore(a.fact().timestamp()) ? b : a);
            }
        }
        firstPurchaseOfDay.forEach((day, first) -> {
            if (orderedOn(before, day, zone)) {
                return;
            }
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            boolean repeat = after.firstPurchaseAt() != null && after.firstPurchaseAt().isBefore(dayStart);
            commerce.merge(new DayLog.CommerceKey(day, first.channel()),
                    DailyMetrics.empty().plusBuyers(1, repeat ? 1 : 0), DailyMetrics::plus);
        });
        return commerce;
    }

    /** Whether the facts hold an order on {@code day} (exact while the consumer has no more than 16 later orders). */
    private static boolean orderedOn(LifecycleFacts facts, LocalDate day, ZoneId zone) {
        return facts.recentOrders().times().stream().anyMatch(t -> LocalDate.ofInstant(t, zone).equals(day));
    }

    private static LocalDate day(Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDate.ofInstant(instant, zone);
    }
}
