package io.tally.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tally.core.domain.clv.AssetChangeSummary;
import io.tally.core.domain.clv.AssetTotals;
import io.tally.core.domain.clv.ClvFit;
import io.tally.core.domain.clv.ConsumerAsset;
import io.tally.core.domain.clv.FitDiagnostics;
import io.tally.core.domain.clv.StoredAsset;
import io.tally.core.port.in.ConsumerAssetUseCase.AssetReport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Response body of {@code GET /v1/asset}. */
final class AssetViews {

    private AssetViews() {
    }

    /**
     * @param asset         totals and breakdowns of the date
     * @param change        the change since {@code change.previousDate}; null when there was no earlier asset to
     *                      compare with
     * @param fit           the converged fit the consumers were valued with
     * @param latestAttempt the fit of {@code date} when it did not converge (it is not used); null otherwise
     */
    @Serdeable
    record Asset(String brandId, LocalDate date, Instant asOf, AssetBreakdown asset, @Nullable Change change,
                 Fit fit, @Nullable Fit latestAttempt) {

        static Asset of(AssetReport report) {
            StoredAsset stored = report.asset();
            return new Asset(stored.brandId(), stored.date(), stored.asOf(), AssetBreakdown.of(stored.asset()),
                    stored.summary() == null ? null : Change.of(stored.previousDate(), stored.summary()),
                    Fit.of(report.fitUsed()), report.latestAttempt() == null ? null : Fit.of(report.latestAttempt()));
        }
    }

    /** Totals, by stage of each lifecycle model, by channel and by segment (these two overlap). */
    @Serdeable
    record AssetBreakdown(Totals total, Map<String, Map<String, Totals>> byStage, Map<String, Totals> byChannel,
                          Map<String, Totals> bySegment) {

        static AssetBreakdown of(ConsumerAsset asset) {
            Map<String, Map<String, Totals>> byStage = new TreeMap<>();
            asset.models().forEach(model -> byStage.put(model, totals(asset.byStage(model))));
            return new AssetBreakdown(Totals.of(asset.total()), byStage, totals(asset.byChannel()),
                    totals(asset.bySegment()));
        }

        private static Map<String, Totals> totals(Map<String, AssetTotals> totals) {
            Map<String, Totals> views = new TreeMap<>();
            totals.forEach((key, value) -> views.put(key, Totals.of(value)));
            return views;
        }
    }

    @Serdeable
    record Totals(long consumers, long buyers, long nonBuyers, long aliveBuyers, BigDecimal value,
                  BigDecimal buyerValue, BigDecimal nonBuyerValue, BigDecimal aliveBuyerValue,
                  double expectedPurchases, double expectedAliveBuyers, double expectedFirstPurchases) {

        static Totals of(AssetTotals t) {
            return new Totals(t.consumers(), t.buyers(), t.nonBuyers(), t.aliveBuyers(), t.value(), t.buyerValue(),
                    t.nonBuyerValue(), t.aliveBuyerValue(), t.expectedPurchases(), t.expectedAliveBuyers(),
                    t.expectedFirstPurchases());
        }
    }

    /**
     * @param growthRate  {@code valueGrowth / valueBefore}; null when the earlier value was 0
     * @param growthParts the exact split of {@code valueGrowth}
     */
    @Serdeable
    record Change(LocalDate previousDate, long consumersBefore, long consumersAfter, long newConsumers,
                  long goneConsumers, long newBuyers, long churnedBuyers, long reactivatedBuyers,
                  BigDecimal valueBefore, BigDecimal valueAfter, BigDecimal valueGrowth, @Nullable Double growthRate,
                  GrowthParts growthParts, BigDecimal churnedBuyersValue) {

        static Change of(LocalDate previousDate, AssetChangeSummary c) {
            return new Change(previousDate, c.consumersBefore(), c.consumersAfter(), c.newConsumers(),
                    c.goneConsumers(), c.newBuyers(), c.churnedBuyers(), c.reactivatedBuyers(), c.valueBefore(),
                    c.valueAfter(), c.valueGrowth(), finite(c.growthRate()), new GrowthParts(c.newConsumersValue(),
                    c.goneConsumersValue(), c.newBuyersValueChange(), c.buyersValueChange(),
                    c.nonBuyersValueChange()), c.churnedBuyersValue());
        }
    }

    /** {@code valueGrowth = newConsumersValue - goneConsumersValue + the three changes}. */
    @Serdeable
    record GrowthParts(BigDecimal newConsumersValue, BigDecimal goneConsumersValue, BigDecimal newBuyersValueChange,
                       BigDecimal buyersValueChange, BigDecimal nonBuyersValueChange) {
    }

    /**
     * @param problem    why a model could not be fitted at all, else null
     * @param bgnbd      BG/NBD parameters and diagnostics; null when it could not run
     * @param gammaGamma Gamma-Gamma parameters and diagnostics; null when it could not run
     */
    @Serdeable
    record Fit(LocalDate date, boolean converged, long buyers, @Nullable String problem, @Nullable BgNbd bgnbd,
               @Nullable GammaGamma gammaGamma) {

        static Fit of(ClvFit fit) {
            return new Fit(fit.date(), fit.converged(), fit.buyers(), fit.problem(),
                    fit.purchases() == null ? null : new BgNbd(fit.purchases().parameters().r(),
                            fit.purchases().parameters().alpha(), fit.purchases().parameters().a(),
                            fit.purchases().parameters().b(), Diagnostics.of(fit.purchases().diagnostics())),
                    fit.spend() == null ? null : new GammaGamma(fit.spend().parameters().p(),
                            fit.spend().parameters().q(), fit.spend().parameters().gamma(),
                            fit.spend().customersFitted(), Diagnostics.of(fit.spend().diagnostics())));
        }
    }

    @Serdeable
    record BgNbd(double r, double alpha, double a, double b, Diagnostics diagnostics) {
    }

    @Serdeable
    record GammaGamma(double p, double q, double gamma, int customersFitted, Diagnostics diagnostics) {
    }

    /** Non-finite numbers (a fit that failed badly) are null. */
    @Serdeable
    record Diagnostics(@Nullable Double logLikelihood, int iterations, boolean converged,
                       @Nullable Double gradientNorm) {

        static Diagnostics of(FitDiagnostics d) {
            return new Diagnostics(finite(d.logLikelihood()), d.iterations(), d.converged(), finite(d.gradientNorm()));
        }
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
