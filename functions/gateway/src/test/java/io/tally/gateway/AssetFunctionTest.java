package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.tally.core.domain.clv.BgNbdParameters;
import io.tally.core.domain.clv.BgNbdSimulator;
import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.ConsumerAsset;
import io.tally.core.domain.clv.ConsumerValuation;
import io.tally.core.domain.clv.CustomerSummary;
import io.tally.core.domain.clv.FitOptions;
import io.tally.core.domain.clv.GammaGammaParameters;
import io.tally.core.domain.clv.GammaGammaSimulator;
import io.tally.core.domain.clv.SpendData;
import io.tally.core.domain.clv.SpendSummary;
import io.tally.core.domain.clv.StoredAsset;
import io.tally.core.domain.clv.SummaryCounts;
import io.tally.testkit.InMemoryClvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit scope: {@code GET /v1/asset} as Lambda runs it (API Gateway v2 event → controller → asset report) over the
 * testkit's in-memory CLV store, filled the way the CLV job fills it. Needs no network.
 */
class AssetFunctionTest {

    private static final LocalDate FIT_DATE = LocalDate.of(2026, 11, 24);
    private static final LocalDate DATE = LocalDate.of(2026, 11, 25);

    private GatewayFixture gateway;
    private InMemoryClvStore store;

    @BeforeEach
    void start() {
        gateway = new GatewayFixture();
        store = gateway.bean(InMemoryClvStore.class);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private APIGatewayV2HTTPResponse get(String path) {
        return gateway.handle(gateway.request("GET", path, gateway.adminKey, null));
    }

    /** A fit of 2,000 buyers simulated with the CDNOW parameters. */
    private static ClvFit fit(String brand, LocalDate date, FitOptions options) {
        SummaryCounts.Builder counts = SummaryCounts.builder();
        SpendData.Builder spend = SpendData.builder();
        BgNbdSimulator purchases = new BgNbdSimulator(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), 7, 11);
        GammaGammaSimulator values = new GammaGammaSimulator(new GammaGammaParameters(6.25, 3.74, 15.44), 13);
        for (int i = 0; i < 2_000; i++) {
            CustomerSummary customer = purchases.next(39);
            counts.add(customer);
            spend.add(new SpendSummary(customer.x() + 1, values.nextMeanSpend(customer.x() + 1)));
        }
        return ClvFit.of(brand, date, Instant.parse(date + "T23:59:59.999Z"), counts.build(), spend.build(), options);
    }

    private void storeAsset(String brand) {
        ClvFit fit = fit(brand, FIT_DATE, FitOptions.defaults());
        store.saveFit(fit);
        ConsumerAsset asset = new ConsumerAsset(List.of("aipl", "deeplink"), 0.5);
        asset.add(new ConsumerValuation(true, 120.5, 3.2, 0.8, 0, Map.of("aipl", "L", "deeplink", "INHERIT"),
                Set.of("web"), Set.of("vip")));
        asset.add(new ConsumerValuation(false, 0, 0, 0, 0, Map.of(), Set.of(), Set.of()));
        store.saveAsset(new StoredAsset(brand, DATE, Instant.parse("2026-11-25T23:59:59.999Z"), FIT_DATE, asset,
                null, null, null));
    }

    @Test
    void givenAStoredAsset_whenRead_thenItsTotalsBreakdownsAndTheFitWithDiagnosticsAreServed() {
        storeAsset("demo");

        APIGatewayV2HTTPResponse response = get("/v1/asset?date=2026-11-25");

        assertThat(response.getStatusCode()).isEqualTo(200);
        Map<String, Object> body = gateway.body(response);
        Map<String, Object> asset = cast(body.get("asset"));
        assertThat(cast(asset.get("total"))).containsEntry("consumers", 2).containsEntry("buyers", 1);
        assertThat(cast(cast(asset.get("byStage")).get("deeplink"))).containsKeys("INHERIT", "(none)");
        assertThat(cast(asset.get("bySegment"))).containsOnlyKeys("vip");
        Map<String, Object> fit = cast(body.get("fit"));
        assertThat(fit).containsEntry("date", "2026-11-24").containsEntry("converged", true);
        assertThat(cast(cast(fit.get("bgnbd")).get("diagnostics"))).containsKeys("logLikelihood", "iterations",
                "gradientNorm").containsEntry("converged", true);
        assertThat(body.get("change")).isNull();
        assertThat(body.get("latestAttempt")).isNull();
    }

    @Test
    void givenTheDatesOwnFitStoppedEarly_whenTheAssetIsRead_thenThatAttemptIsReportedBesideTheFitUsed() {
        storeAsset("demo");
        store.saveFit(fit("demo", DATE, new FitOptions(1, 1e-8)));

        Map<String, Object> body = gateway.body(get("/v1/asset?date=2026-11-25"));

        assertThat(cast(body.get("fit"))).containsEntry("date", "2026-11-24");
        assertThat(cast(body.get("latestAttempt"))).containsEntry("date", "2026-11-25")
                .containsEntry("converged", false);
    }

    @Test
    void givenNoAssetOfTheDate_whenRead_thenNotFoundWithAMessage() {
        storeAsset("other");

        APIGatewayV2HTTPResponse response = get("/v1/asset?date=2026-11-25");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat((String) gateway.body(response).get("message")).contains("no consumer asset of 2026-11-25");
    }

    @Test
    void givenAnInvalidDate_whenRead_thenBadRequestNamingTheField() {
        APIGatewayV2HTTPResponse response = get("/v1/asset?date=25.11.2026");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(gateway.body(response)).containsEntry("field", "date");
    }

    @Test
    void givenAWriteKey_whenReadingTheAsset_thenUnauthorized() {
        storeAsset("demo");

        assertThat(gateway.handle(gateway.request("GET", "/v1/asset?date=2026-11-25", gateway.writeKey, null))
                .getStatusCode()).isEqualTo(401);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
