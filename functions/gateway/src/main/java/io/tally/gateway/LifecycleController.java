package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.lifecycle.UnknownStageModelException;
import io.tally.core.port.in.LifecycleUseCase;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Admin API over lifecycle stages and commerce metrics; every call needs the brand's admin key. */
@Controller("/v1")
public class LifecycleController {

    /** Longest range of {@code GET /v1/metrics}. */
    static final int MAX_METRICS_DAYS = 92;

    private final AdminAccess access;
    private final LifecycleUseCase lifecycle;

    public LifecycleController(AdminAccess access, LifecycleUseCase lifecycle) {
        this.access = access;
        this.lifecycle = lifecycle;
    }

    /**
     * Stage distribution (from the census of {@code date}) and flows of one model on {@code date}: every
     * (from, to, channel) count and the from × to matrix; stage {@code none} is "no stage".
     */
    @Get("/lifecycle")
    public LifecycleViews.Lifecycle lifecycle(HttpRequest<?> request, @Nullable @QueryValue String model,
                                              @Nullable @QueryValue String date) {
        Principal admin = access.admin(request);
        String key = model == null || model.isBlank() ? "aipl" : model;
        LocalDate day = access.date("date", date);
        try {
            return LifecycleViews.Lifecycle.of(lifecycle.stages(admin.brandId(), key, day));
        } catch (UnknownStageModelException e) {
            throw new BadRequestException("model", e.getMessage());
        }
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
        return LifecycleViews.Metrics.of(lifecycle.commerceReport(admin.brandId(), first, last));
    }
}
