package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.tally.core.domain.access.Principal;
import io.tally.core.port.in.ConsumerAssetUseCase;

import java.time.LocalDate;

/** Admin API over the consumer asset the daily CLV job stores; every call needs the brand's admin key. */
@Controller("/v1")
public class AssetController {

    private final AdminAccess access;
    private final ConsumerAssetUseCase assets;

    public AssetController(AdminAccess access, ConsumerAssetUseCase assets) {
        this.access = access;
        this.assets = assets;
    }

    /**
     * The brand's consumer asset of {@code date} (default today, UTC): totals and breakdowns, the change since the
     * previous report date, the fit the consumers were valued with and, if the date's own fit did not converge, that
     * attempt.
     */
    @Get("/asset")
    public AssetViews.Asset asset(HttpRequest<?> request, @Nullable @QueryValue String date) {
        Principal admin = access.admin(request);
        LocalDate day = access.date("date", date);
        return assets.asset(admin.brandId(), day).map(AssetViews.Asset::of).orElseThrow(() -> new NotFoundException(
                "no consumer asset of " + day + ": the clv job stores one per date once the brand has a converged"
                        + " fit of an earlier date (from its second run on)"));
    }
}
