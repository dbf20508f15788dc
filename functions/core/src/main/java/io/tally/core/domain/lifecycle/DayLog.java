package io.tally.core.domain.lifecycle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one consumer contributed to its brand's lifecycle figures on one processing day: stage flows (model, from,
 * to, channel → count) and commerce by the day the orders were placed and their channel. Stored on the profile,
 * so it is written in the same conditional write as the stages it explains (exactly once, whatever the
 * redeliveries); the daily roll-up sums the day's logs of every consumer.
 *
 * @param day      the processing day (brand zone) the log belongs to
 * @param flows    stage changes counted that day
 * @param commerce orders and refunds processed that day, by the day they happened and their channel
 */
public record DayLog(LocalDate day, Map<Flow, Long> flows, Map<CommerceKey, DailyMetrics> commerce) {

    /** One kind of stage change: in {@code model}, from one stage to another (null: none), caused in a channel. */
    public record Flow(String model, String from, String to, String channel) {
        public Flow {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(channel, "channel");
        }

        static final Comparator<Flow> ORDER = Comparator.comparing(Flow::model)
                .thenComparing(Flow::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Flow::to, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Flow::channel);
    }

    /** Commerce of one day in one channel. */
    public record CommerceKey(LocalDate day, String channel) {
        public CommerceKey {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(channel, "channel");
        }

        static final Comparator<CommerceKey> ORDER = Comparator.comparing(CommerceKey::day)
                .thenComparing(CommerceKey::channel);
    }

    /** Channel of the flows of a consumer leaving its stages because it was merged into another. */
    public static final String MERGE = "merge";

    public DayLog {
        Objects.requireNonNull(day, "day");
        TreeMap<Flow, Long> sortedFlows = new TreeMap<>(Flow.ORDER);
        sortedFlows.putAll(flows);
        flows = Collections.unmodifiableMap(sortedFlows);
        TreeMap<CommerceKey, DailyMetrics> sortedCommerce = new TreeMap<>(CommerceKey.ORDER);
        sortedCommerce.putAll(commerce);
        commerce = Collections.unmodifiableMap(sortedCommerce);
    }

    public static DayLog empty(LocalDate day) {
        return new DayLog(day, Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return flows.isEmpty() && commerce.isEmpty();
    }

    /** This log with the transitions counted. */
    public DayLog plusFlows(List<StageTransition> transitions) {
        if (transitions.isEmpty()) {
            return this;
        }
        Map<Flow, Long> next = new TreeMap<>(Flow.ORDER);
        next.putAll(flows);
        transitions.forEach(t -> next.merge(new Flow(t.model(), t.from(), t.to(), t.channel()), 1L, Long::sum));
        return new DayLog(day, next, commerce);
    }

    /** This log with commerce added. */
    public DayLog plusCommerce(Map<CommerceKey, DailyMetrics> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<CommerceKey, DailyMetrics> next = new TreeMap<>(CommerceKey.ORDER);
        next.putAll(commerce);
        more.forEach((key, metrics) -> next.merge(key, metrics, DailyMetrics::plus));
        return new DayLog(day, flows, next);
    }

    /** The sum of two logs of the same day (two consumers merged, or two shards added up). */
    public DayLog plus(DayLog other) {
        if (!day.equals(other.day)) {
            throw new IllegalArgumentException("cannot add the log of " + other.day + " to the log of " + day);
        }
        Map<Flow, Long> nextFlows = new TreeMap<>(Flow.ORDER);
        nextFlows.putAll(flows);
        other.flows.forEach((flow, count) -> nextFlows.merge(flow, count, Long::sum));
        return new DayLog(day, nextFlows, commerce).plusCommerce(other.commerce);
    }

    /**
     * The sum of many logs of {@code day} (a roll-up over every consumer), accumulated in one pass rather than by
     * repeated {@link #plus}, which would copy the growing sum once per log.
     */
    public static DayLog sum(LocalDate day, Collection<DayLog> logs) {
        Map<Flow, Long> flows = new TreeMap<>(Flow.ORDER);
        Map<CommerceKey, DailyMetrics> commerce = new TreeMap<>(CommerceKey.ORDER);
        for (DayLog log : logs) {
            if (!day.equals(log.day)) {
                throw new IllegalArgumentException("cannot add the log of " + log.day + " to the logs of " + day);
            }
            log.flows.forEach((flow, count) -> flows.merge(flow, count, Long::sum));
            log.commerce.forEach((key, metrics) -> commerce.merge(key, metrics, DailyMetrics::plus));
        }
        return new DayLog(day, flows, commerce);
    }

    /**
     * The log as text, one line per entry, tab-separated: {@code F model from to channel count} and
     * {@code C day channel orders orderValue refunds refundValue buyers repeatBuyers}; no stage is {@code -}.
     */
    public String encode() {
        List<String> lines = new ArrayList<>();
        flows.forEach((flow, count) -> lines.add(String.join("\t", "F", flow.model(), stage(flow.from()),
                stage(flow.to()), flow.channel(), Long.toString(count))));
        commerce.forEach((key, m) -> lines.add(String.join("\t", "C", key.day().toString(), key.channel(),
                Long.toString(m.orders()), m.orderValue().toPlainString(), Long.toString(m.refunds()),
                m.refundValue().toPlainString(), Long.toString(m.buyers()), Long.toString(m.repeatBuyers()))));
        return String.join("\n", lines);
    }

    /** Reads {@link #encode()}'s text back. */
    public static DayLog decode(LocalDate day, String text) {
        Map<Flow, Long> flows = new TreeMap<>(Flow.ORDER);
        Map<CommerceKey, DailyMetrics> commerce = new TreeMap<>(CommerceKey.ORDER);
        if (text != null && !text.isEmpty()) {
            for (String line : text.split("\n")) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "F" -> flows.merge(new Flow(f[1], unstage(f[2]), unstage(f[3]), f[4]),
                            Long.parseLong(f[5]), Long::sum);
                    case "C" -> commerce.merge(new CommerceKey(LocalDate.parse(f[1]), f[2]),
                            new DailyMetrics(Long.parseLong(f[3]), new BigDecimal(f[4]), Long.parseLong(f[5]),
                                    new BigDecimal(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8])),
                            DailyMetrics::plus);
                    default -> throw new IllegalArgumentException("unknown day log entry: " + f[0]);
                }
            }
        }
        return new DayLog(day, flows, commerce);
    }

    private static String stage(String code) {
        return code == null ? "-" : code;
    }

    private static String unstage(String text) {
        return "-".equals(text) ? null : text;
    }
}
