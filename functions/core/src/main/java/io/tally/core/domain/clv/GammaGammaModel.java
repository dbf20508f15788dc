package io.tally.core.domain.clv;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis"): a customer's transaction values are Gamma(p, nu) with mean p/nu, and nu
 * varies across customers as Gamma(q, gamma). The mean zbar of x transactions is then Gamma(px, nu x), and the
 * fit maximizes the likelihood of the observed (x, zbar) over (ln p, ln q, ln gamma) with BFGS on the analytic
 * gradient.
 *
 * <p>Only customers with at least one repeat transaction and a positive mean value enter the fit (a Gamma
 * density has no mass at zero). Every other customer &mdash; no repeat transaction, or only zero-value ones &mdash;
 * gets the population mean p&middot;gamma/(q-1) as expected spend, which exists only for q &gt; 1.
 */
public final class GammaGammaModel {

    private static final double MAX_LOG_STEP = 3;

    private final GammaGammaParameters parameters;

    public GammaGammaModel(GammaGammaParameters parameters) {
        this.parameters = parameters;
    }

    public GammaGammaParameters parameters() {
        return parameters;
    }

    /** The maximum-likelihood fit with {@link FitOptions#defaults()}. */
    public static GammaGammaFit fit(Collection<SpendSummary> customers) {
        return fit(customers, FitOptions.defaults());
    }

    /**
     * The maximum-likelihood fit on the informative customers ({@link SpendSummary#isInformative()}), from p = 1,
     * q = 2 and gamma = their mean spend. A fit that does not reach the gradient tolerance reports
     * {@code converged = false}.
     *
     * @throws IllegalArgumentException if no customer is informative
     */
    public static GammaGammaFit fit(Collection<SpendSummary> customers, FitOptions options) {
        List<SpendSummary> informative = new ArrayList<>();
        for (SpendSummary customer : customers) {
            if (customer.isInformative()) {
                informative.add(customer);
            }
        }
        if (informative.isEmpty()) {
            throw new IllegalArgumentException("no customer with a repeat transaction of positive value");
        }
        int n = informative.size();
        int[] x = new int[n];
        double[] meanSpend = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            x[i] = informative.get(i).x();
            meanSpend[i] = informative.get(i).meanSpend();
            total += meanSpend[i];
        }
        QuasiNewtonMinimizer minimizer =
                new QuasiNewtonMinimizer(options.maxIterations(), options.gradientTolerance(), MAX_LOG_STEP);
        QuasiNewtonMinimizer.Result result = minimizer.minimize((logParameters, gradient) -> {
            double logLikelihood = logLikelihood(logParameters, x, meanSpend, gradient);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] /= -n;
            }
            return -logLikelihood / n;
        }, new GammaGammaParameters(1, 2, total / n).toLog());
        FitDiagnostics diagnostics = new FitDiagnostics(-result.value() * n, result.iterations(), result.converged(),
                result.gradientNorm() * n);
        return new GammaGammaFit(GammaGammaParameters.fromLog(result.point()), diagnostics, n, customers.size() - n);
    }

    /**
     * The total log-likelihood of the mean spends of the informative customers (the density of zbar, so it
     * depends on the currency unit).
     */
    public double logLikelihood(Collection<SpendSummary> customers) {
        List<SpendSummary> informative = customers.stream().filter(SpendSummary::isInformative).toList();
        int[] x = informative.stream().mapToInt(SpendSummary::x).toArray();
        double[] meanSpend = informative.stream().mapToDouble(SpendSummary::meanSpend).toArray();
        return logLikelihood(parameters.toLog(), x, meanSpend, new double[3]);
    }

    static double logLikelihood(double[] logParameters, int[] x, double[] meanSpend, double[] gradient) {
        double p = FastMath.exp(logParameters[0]);
        double q = FastMath.exp(logParameters[1]);
        double gamma = FastMath.exp(logParameters[2]);
        double logGamma = logParameters[2];
        double logGammaQ = Gamma.logGamma(q);
        double digammaQ = Gamma.digamma(q);
        double sum = 0;
        double dP = 0;
        double dQ = 0;
        double dGamma = 0;
        for (int i = 0; i < x.length; i++) {
            double px = p * x[i];
            double logX = FastMath.log(x[i]);
            double logZ = FastMath.log(meanSpend[i]);
            double scale = gamma + x[i] * meanSpend[i];
            double logScale = FastMath.log(scale);
            double digammaPxQ = Gamma.digamma(px + q);
            sum += Gamma.logGamma(px + q) - Gamma.logGamma(px) - logGammaQ + q * logGamma + px * logX
                    + (px - 1) * logZ - (px + q) * logScale;
            dP += x[i] * (digammaPxQ - Gamma.digamma(px) + logX + logZ - logScale);
            dQ += digammaPxQ - digammaQ + logGamma - logScale;
            dGamma += q / gamma - (px + q) / scale;
        }
        gradient[0] = p * dP;
        gradient[1] = q * dQ;
        gradient[2] = gamma * dGamma;
        return sum;
    }

    /**
     * E[M | x, zbar], the expected value of the customer's future transactions: (p&middot;gamma + p x zbar) /
     * (p x + q - 1), a weighted mean of the population mean and the customer's own mean zbar. A customer without
     * informative history (no repeat transaction, or a zero mean) gets the population mean.
     *
     * @throws UndefinedSpendException if the expectation is infinite: q &le; 1 for a customer without informative
     *                                 history, p x + q &le; 1 otherwise
     */
    public double expectedAverageSpend(SpendSummary customer) {
        if (!customer.isInformative()) {
            return populationMeanSpend();
        }
        double px = parameters.p() * customer.x();
        double weight = px + parameters.q() - 1;
        if (!(weight > 0)) {
            throw new UndefinedSpendException(parameters);
        }
        return (parameters.p() * parameters.gamma() + px * customer.meanSpend()) / weight;
    }

    /**
     * E[M] = p&middot;gamma/(q-1), the mean transaction value across customers.
     *
     * @throws UndefinedSpendException if q &le; 1 (the mean is infinite)
     */
    public double populationMeanSpend() {
        if (!(parameters.q() > 1)) {
            throw new UndefinedSpendException(parameters);
        }
        return parameters.p() * parameters.gamma() / (parameters.q() - 1);
    }
}
