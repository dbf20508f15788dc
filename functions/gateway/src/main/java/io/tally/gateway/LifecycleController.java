package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.lifecycle.DailyMetrics;
import io.tally.core.domain.lifecycle.StageModel;
import io.tally.core.domain.lifecycle.StageModels;
import io.tally.core.port.in.LifecycleUseCase;
import io.tally.core.port.in.LifecycleUseCase.DayFlows;
import io.tally.core.port.out.BrandSettingsPort;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Admin API over lifecycle stages and commerce metrics; every call needs the brand's admin key. */
@Controller("/v1")
public class LifecycleController {

    /** Longest range of {@code GET /v1/metrics}. */
    static final int MAX_METRICS_DAYS = 92;

    private final AdminAccess access;
    private final LifecycleUseCase lifecycle;
    private final BrandSettingsPort settings;

    public LifecycleController(AdminAccess access, LifecycleUseCase lifecycle, BrandSettingsPort settings) {
        this.access = access;
        this.lifecycle = lifecycle;
        this.settings = settings;
    }

    /**
     * Stage distribution (from the census of {@code date}) and flows of one model on {@code date}: every
     * (from, to, channel) count and the from × to matrix; stage {@code none} is "no stage".
     */
    @Get("/lifecycle")
    public LifecycleViews.Lifecycle lifecycle(HttpRequest<?> request, @Nullable @QueryValue String model,
                                              @Nullable @QueryValue String date) {
        Principal admin = access.admin(request);
        StageModels models = settings.lifecycle(admin.brandId()).models();
        String key = model == null || model.isBlank() ? "aipl" : model;
        StageModel stageModel = models.model(key).orElseThrow(() -> new BadRequestException("model",
                "unknown model '" + key + "'; this brand has " + models.models().stream().map(StageModel::key)
                        .collect(Collectors.joining(", "))));
        LocalDate day = access.date("date", date);
        DayFlows flows = lifecycle.flows(admin.brandId(), day);
        List<LifecycleViews.FlowCount> counts = new ArrayList<>();
        Map<String, Map<String, Long>> matrix = new TreeMap<>();
        flows.log().flows().forEach((flow, count) -> {
            if (flow.model().equals(key)) {
                counts.add(new LifecycleViews.FlowCount(stage(flow.from()), stage(flow.to()), flow.channel(), count));
                matrix.computeIfAbsent(stage(flow.from()), f -> new TreeMap<>()).merge(stage(flow.to()), count,
                        Long::sum);
            }
        });
        Optional<BrandCensus> census = lifecycle.census(admin.brandId(), day);
        Map<String, Long> distribution = census.map(c -> c.stages().getOrDefault(key, Map.of())).orElse(null);
        return new LifecycleViews.Lifecycle(admin.brandId(), key, stageModel.stages().stream()
                .map(io.tally.core.domain.lifecycle.StageRule::code).toList(), day, flows.rolledUp(), distribution, census.isPresent() ? day : null,
                counts, matrix);
    }

    /**
     * Commerce per order day in [{@code from}, {@code to}] (at most {@value #MAX_METRICS_DAYS} days; both default to
     * today), by channel and in total, and AAC from the census of {@code to}.
     */
    @Get("/metrics")
    public LifecycleViews.Metrics metrics(HttpRequest<?> request, @Nullable @QueryValue String from,
                                          @Nullable @QueryValue String to) {
        Principal admin = access.admin(request);
        LocalDate last = access.date("to", to);
        LocalDate first = from == null || from.isBlank() ? last : access.date("from", from);
        if (first.isAfter(last)) {
            throw new BadRequestException("from", "must not be after to (" + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_METRICS_DAYS) {
            throw new BadRequestException("from", "the range may span at most " + MAX_METRICS_DAYS + " days");
        }
        List<LifecycleViews.DayMetrics> days = new ArrayList<>();
        Map<LocalDate, Map<String, DailyMetrics>> commerce = lifecycle.commerce(admin.brandId(), first, last);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Map<String, DailyMetrics> byChannel = commerce.getOrDefault(day, Map.of());
            Map<String, LifecycleViews.Figures> channels = new TreeMap<>();
            byChannel.forEach((channel, metrics) -> channels.put(channel, LifecycleViews.Figures.of(metrics)));
            DailyMetrics total = byChannel.values().stream().reduce(DailyMetrics.empty(), DailyMetrics::plus);
            days.add(new LifecycleViews.DayMetrics(day, LifecycleViews.Figures.of(total), channels));
        }
        Optional<BrandCensus> census = lifecycle.census(admin.brandId(), last);
        return new LifecycleViews.Metrics(admin.brandId(), first, last, days,
                census.map(BrandCensus::annualActive).orElse(null), census.isPresent() ? last : null);
    }

    private static String stage(String code) {
        return code == null ? BrandCensus.NO_STAGE : code;
    }
}
