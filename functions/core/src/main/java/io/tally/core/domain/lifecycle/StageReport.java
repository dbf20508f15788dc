package io.tally.core.domain.lifecycle;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One stage model of one brand on one processing day: where consumers stand (from the census) and how they moved.
 * Stage {@code none} ({@link io.tally.core.domain.census.BrandCensus#NO_STAGE}) is "no stage".
 *
 * @param stages           the model's stage codes, highest precedence first
 * @param rolledUp         whether the flows are the day's final roll-up (false: a live sum that may still grow)
 * @param distribution     consumers per stage from the census of {@code distributionAsOf}; null without a census
 * @param distributionAsOf the census day, or null
 * @param flows            every (from, to, channel) count of the day
 * @param matrix           from → to → consumers, over every channel
 */
public record StageReport(String brandId, String model, List<String> stages, LocalDate date, boolean rolledUp,
                          Map<String, Long> distribution, LocalDate distributionAsOf, List<FlowCount> flows,
                          Map<String, Map<String, Long>> matrix) {

    /** Consumers that moved from one stage to another in a channel. */
    public record FlowCount(String from, String to, String channel, long count) {
    }
}
