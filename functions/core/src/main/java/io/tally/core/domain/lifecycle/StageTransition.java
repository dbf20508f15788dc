package io.tally.core.domain.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A consumer moving between stages of one model on one day: the unit of daily stage flows (counted per
 * model, from, to, day and channel).
 *
 * @param model   the model key, e.g. {@code aipl}
 * @param from    the previous stage code, or null for none
 * @param to      the new stage code, or null for none
 * @param day     the brand-local day of the change
 * @param channel the channel of the event that caused it, or {@link #EXPIRY} when a window ran out
 */
public record StageTransition(String model, String from, String to, LocalDate day, String channel) {

    /** The channel of transitions caused by time alone (a re-evaluation at {@link StageAssignment#expiresAt()}). */
    public static final String EXPIRY = "expiry";

    public StageTransition {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(channel, "channel");
        if (Objects.equals(from, to)) {
            throw new IllegalArgumentException("a transition needs different stages, got " + from + " twice");
        }
    }

    /** The transition from {@code before} to {@code after} in {@code model}, or empty when the stage is the same. */
    public static Optional<StageTransition> between(String model, StageAssignment before, StageAssignment after,
                                                    LocalDate day, String channel) {
        String from = before == null ? null : before.stageCode();
        String to = after == null ? null : after.stageCode();
        return Objects.equals(from, to) ? Optional.empty()
                : Optional.of(new StageTransition(model, from, to, day, channel));
    }

    /**
     * Every model's transition between two evaluations (by model key, as from {@link StageModels#evaluate}); a model
     * missing on one side counts as no stage there.
     */
    public static List<StageTransition> between(Map<String, StageAssignment> before,
                                                Map<String, StageAssignment> after, LocalDate day, String channel) {
        Set<String> models = new LinkedHashSet<>(before.keySet());
        models.addAll(after.keySet());
        List<StageTransition> transitions = new ArrayList<>();
        for (String model : models) {
            between(model, before.get(model), after.get(model), day, channel).ifPresent(transitions::add);
        }
        return transitions;
    }
}
