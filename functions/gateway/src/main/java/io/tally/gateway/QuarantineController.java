package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.tally.core.domain.access.Principal;
import io.tally.core.domain.quarantine.ReplayOutcome;
import io.tally.core.port.in.QuarantineUseCase;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Admin API of the quarantine: counts by reason, the quarantined events, and replay after a fix. */
@Controller("/v1/quarantine")
public class QuarantineController {

    private final AdminAccess access;
    private final QuarantineUseCase quarantine;

    public QuarantineController(AdminAccess access, QuarantineUseCase quarantine) {
        this.access = access;
        this.quarantine = quarantine;
    }

    @Get
    public QuarantineViews.Counts counts(HttpRequest<?> request, @Nullable @QueryValue String date) {
        Principal admin = access.admin(request);
        LocalDate day = access.date("date", date);
        Map<String, Long> counts = quarantine.counts(admin.brandId(), day);
        return new QuarantineViews.Counts(day.toString(), counts.values().stream().mapToLong(Long::longValue).sum(),
                counts);
    }

    @Get("/events")
    public List<QuarantineViews.Batch> events(HttpRequest<?> request, @Nullable @QueryValue String date,
                                              @Nullable @QueryValue String reason) {
        Principal admin = access.admin(request);
        return quarantine.list(admin.brandId(), access.date("date", date), reason).stream()
                .map(QuarantineViews.Batch::of).toList();
    }

    /** Replays the quarantine of {@code ?date=} (default today), of one {@code ?reason=} or all. */
    @Post("/replay")
    public QuarantineViews.Replay replay(HttpRequest<?> request, @Nullable @QueryValue String date,
                                         @Nullable @QueryValue String reason) {
        Principal admin = access.admin(request);
        LocalDate day = access.date("date", date);
        List<ReplayOutcome> outcomes = quarantine.replay(admin.brandId(), day, reason);
        long replayed = outcomes.stream().filter(ReplayOutcome::replayed).count();
        return new QuarantineViews.Replay(day.toString(), replayed, outcomes.size() - replayed, outcomes);
    }
}
