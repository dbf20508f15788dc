package io.tally.core.domain.clv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A brand's BG/NBD and Gamma-Gamma fit of one report date, as stored: parameters and diagnostics of both, or why the
 * models could not be fitted at all. Only a {@link #converged()} fit values consumers.
 *
 * @param brandId   the brand
 * @param date      the report date whose data was fitted
 * @param asOf      the instant the buyers' histories were taken at
 * @param buyers    buyers in the fit data
 * @param purchases the BG/NBD fit, or null when it could not run (no buyer)
 * @param spend     the Gamma-Gamma fit, or null when it could not run (no repeat buyer of positive spend)
 * @param problem   why a model could not be fitted, or null when both ran
 */
public record ClvFit(String brandId, LocalDate date, Instant asOf, long buyers, BgNbdFit purchases,
                     GammaGammaFit spend, String problem) {

    public ClvFit {
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(asOf, "asOf");
        if ((purchases == null || spend == null) && problem == null) {
            throw new IllegalArgumentException("a fit without both models must say why");
        }
    }

    /**
     * Fits both models to the merged data of a report date with {@code options}. A model that cannot run (no buyer,
     * no repeat buyer of positive spend) leaves the fit unconverged with the reason in {@link #problem()}.
     */
    public static ClvFit of(String brandId, LocalDate date, Instant asOf, SummaryCounts counts, SpendData spend,
                            FitOptions options) {
        if (counts.customers() == 0) {
            return new ClvFit(brandId, date, asOf, 0, null, null, "no buyer");
        }
        BgNbdFit purchases = BgNbdModel.fit(counts, options);
        if (spend.size() == 0) {
            return new ClvFit(brandId, date, asOf, counts.customers(), purchases, null,
                    "no repeat buyer with a positive spend");
        }
        return new ClvFit(brandId, date, asOf, counts.customers(), purchases, GammaGammaModel.fit(spend, options),
                null);
    }

    /** Whether both models were fitted and both converged: only such a fit may value consumers. */
    public boolean converged() {
        return purchases != null && spend != null && purchases.diagnostics().converged()
                && spend.diagnostics().converged();
    }

    /**
     * A valuer with this fit's models.
     *
     * @throws ModelNotConvergedException if the fit did not converge (or a model could not run)
     */
    public ConsumerValuer valuer(FirstPurchaseModel firstPurchases, ClvSettings settings) {
        if (purchases == null || spend == null) {
            throw new ModelNotConvergedException(purchases == null ? "BG/NBD" : "Gamma-Gamma",
                    new FitDiagnostics(Double.NaN, 0, false, Double.NaN));
        }
        return ConsumerValuer.of(purchases, spend, firstPurchases, settings);
    }
}
