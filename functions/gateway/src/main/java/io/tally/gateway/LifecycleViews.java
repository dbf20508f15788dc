package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tally.core.domain.lifecycle.CommerceReport;
import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.StageReport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Response bodies of {@link LifecycleController}. */
final class LifecycleViews {

    private LifecycleViews() {
    }

    /**
     * @param stages           the model's stage codes, highest precedence first
     * @param rolledUp         whether the flows are the day's final roll-up (false: a live sum that may still grow)
     * @param distribution     consumers per stage from the census of {@code distributionAsOf}; null without a census
     * @param flows            every (from, to, channel) count of the day
     * @param matrix           from → to → consumers, over every channel
     */
    @Serdeable
    record Lifecycle(String brandId, String model, List<String> stages, LocalDate date, boolean rolledUp,
                     @Nullable Map<String, Long> distribution, @Nullable LocalDate distributionAsOf,
                     List<FlowCount> flows, Map<String, Map<String, Long>> matrix) {

        static Lifecycle of(StageReport report) {
            return new Lifecycle(report.brandId(), report.model(), report.stages(), report.date(), report.rolledUp(),
                    report.distribution(), report.distributionAsOf(), report.flows().stream()
                    .map(f -> new FlowCount(f.from(), f.to(), f.channel(), f.count())).toList(), report.matrix());
        }
    }

    @Serdeable
    record FlowCount(String from, String to, String channel, long count) {
    }

    /** @param annualActive AAC from the census of {@code to} ({@code annualActiveAsOf}); null without one */
    @Serdeable
    record Metrics(String brandId, LocalDate from, LocalDate to, List<DayMetrics> days,
                   @Nullable Long annualActive, @Nullable LocalDate annualActiveAsOf) {

        static Metrics of(CommerceReport report) {
            return new Metrics(report.brandId(), report.from(), report.to(),
                    report.days().stream().map(DayMetrics::of).toList(), report.annualActive(),
                    report.annualActiveAsOf());
        }
    }

    @Serdeable
    record DayMetrics(LocalDate date, Figures total, Map<String, Figures> channels) {

        static DayMetrics of(CommerceReport.Day day) {
            Map<String, Figures> channels = new TreeMap<>();
            day.channels().forEach((channel, metrics) -> channels.put(channel, Figures.of(metrics)));
            return new DayMetrics(day.date(), Figures.of(day.total()), channels);
        }
    }

    /**
     * One day's commerce. GMV = order value − refund value; AOV = order value ÷ orders; repeat-purchase rate =
     * repeat buyers ÷ buyers. A buyer is counted once per day, in the channel of their first order that day.
     */
    @Serdeable
    record Figures(long orders, BigDecimal orderValue, long refunds, BigDecimal refundValue, BigDecimal gmv,
                   long buyers, long repeatBuyers, @Nullable BigDecimal averageOrderValue,
                   @Nullable BigDecimal repeatPurchaseRate) {

        static Figures of(DailyMetrics m) {
            return new Figures(m.orders(), m.orderValue(), m.refunds(), m.refundValue(), m.gmv(), m.buyers(),
                    m.repeatBuyers(), m.averageOrderValue().orElse(null), m.repeatPurchaseRate().orElse(null));
        }
    }
}
