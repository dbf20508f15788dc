package io.tally.core.domain.clv;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

import java.util.Collection;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis"): a customer's transaction values are Gamma(p, nu) with mean p/nu, and nu
 * varies across customers as Gamma(q, gamma). The mean zbar of x transactions is then Gamma(px, nu x), and the
 * fit maximizes the likelihood of the observed (x, zbar) over (ln p, ln q, ln gamma) with BFGS on the analytic
 * gradient. The Gamma functions of the likelihood depend on x only and are evaluated once per distinct x; each
 * customer costs one logarithm per evaluation.
 *
 * <p>Only customers with at least one transaction and a positive mean value enter the fit (a Gamma density has no
 * mass at zero). For prediction, a customer without transactions gets the population mean p&middot;gamma/(q-1),
 * which exists only for q &gt; 1; a customer whose transactions were all worth zero gets the limit of the
 * conditional expectation as zbar tends to 0, p&middot;gamma/(px+q-1), below the population mean.
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
        return fit(SpendData.of(customers), FitOptions.defaults());
    }

    /** The maximum-likelihood fit on these customers. */
    public static GammaGammaFit fit(Collection<SpendSummary> customers, FitOptions options) {
        return fit(SpendData.of(customers), options);
    }

    /** The maximum-likelihood fit with {@link FitOptions#defaults()}. */
    public static GammaGammaFit fit(SpendData data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * The maximum-likelihood fit on the informative customers, from p = 1, q = 2 and gamma = their mean spend. A
     * fit that does not reach the gradient tolerance reports {@code converged = false}.
     *
     * @throws IllegalArgumentException if no customer is informative
     */
    public static GammaGammaFit fit(SpendData data, FitOptions options) {
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("no customer with a repeat transaction of positive value");
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += data.meanSpend(i);
        }
        QuasiNewtonMinimizer minimizer =
                new QuasiNewtonMinimizer(options.maxIterations(), options.gradientTolerance(), MAX_LOG_STEP);
        QuasiNewtonMinimizer.Result result = minimizer.minimize((logParameters, gradient) -> {
            double logLikelihood = logLikelihood(logParameters, data, gradient);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] /= -n;
            }
            return -logLikelihood / n;
        }, new GammaGammaParameters(1, 2, total / n).toLog());
        FitDiagnostics diagnostics = new FitDiagnostics(-result.value() * n, result.iterations(), result.converged(),
                result.gradientNorm() * n);
        return new GammaGammaFit(GammaGammaParameters.fromLog(result.point()), diagnostics, n,
                Math.toIntExact(data.excluded()));
    }

    /**
     * The total log-likelihood of the mean spends of the informative customers (the density of zbar, so it
     * depends on the currency unit).
     */
    public double logLikelihood(Collection<SpendSummary> customers) {
        return logLikelihood(parameters.toLog(), SpendData.of(customers), new double[3]);
    }

    /** The total log-likelihood at (ln p, ln q, ln gamma) and its gradient with respect to them. */
    static double logLikelihood(double[] logParameters, SpendData data, double[] gradient) {
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
        int size = data.size();
        int i = 0;
        while (i < size) {
            int x = data.x(i);
            double px = p * x;
            double logX = FastMath.log(x);
            double groupCount = 0;
            double sumLogSpend = 0;
            double sumLogScale = 0;
            double sumInverseScale = 0;
            for (; i < size && data.x(i) == x; i++) {
                double meanSpend = data.meanSpend(i);
                double scale = gamma + x * meanSpend;
                groupCount++;
                sumLogSpend += FastMath.log(meanSpend);
                sumLogScale += FastMath.log(scale);
                sumInverseScale += 1 / scale;
            }
            double digammaPxQ = Gamma.digamma(px + q);
            sum += groupCount * (Gamma.logGamma(px + q) - Gamma.logGamma(px) - logGammaQ + q * logGamma + px * logX)
                    + (px - 1) * sumLogSpend - (px + q) * sumLogScale;
            dP += x * (groupCount * (digammaPxQ - Gamma.digamma(px) + logX) + sumLogSpend - sumLogScale);
            dQ += groupCount * (digammaPxQ - digammaQ + logGamma) - sumLogScale;
            dGamma += groupCount * q / gamma - (px + q) * sumInverseScale;
        }
        gradient[0] = p * dP;
        gradient[1] = q * dQ;
        gradient[2] = gamma * dGamma;
        return sum;
    }

    /**
     * E[M | x, zbar], the expected value of the customer's future transactions: (p&middot;gamma + p x zbar) /
     * (p x + q - 1), a weighted mean of the population mean and the customer's own mean zbar. A customer without
     * transactions ({@code x = 0}) gets the population mean; one whose transactions were all worth zero gets
     * p&middot;gamma / (p x + q - 1), the limit as zbar tends to 0.
     *
     * @throws UndefinedSpendException if the expectation is infinite: q &le; 1 for a customer without
     *                                 transactions, p x + q &le; 1 otherwise
     */
    public double expectedAverageSpend(SpendSummary customer) {
        if (customer.x() == 0) {
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
