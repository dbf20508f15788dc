package io.tally.core.domain.clv;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way"):
 * maximum-likelihood fitting and the per-customer quantities behind customer lifetime value. All times, the
 * horizons of the predictions included, are in the time unit of the {@link CustomerSummary} data the parameters
 * were fitted on.
 *
 * <p>The fit maximizes the log-likelihood over (ln r, ln alpha, ln a, ln b), so the parameters stay positive,
 * with BFGS on the analytic gradient, summing over {@link SummaryCounts} (one term per distinct (x, tx, T),
 * weighted by its count). Each customer's likelihood is evaluated in log space: log-gamma functions for the
 * Gamma and Beta mixing terms, once per distinct x; ln(alpha + t) once per distinct time; and log-sum-exp for the
 * two terms "still alive at T" and "dropped out after tx" (one exponential and one log1p per entry).
 */
public final class BgNbdModel {

    private static final double MAX_LOG_STEP = 3;
    private static final double PERTURBATION = 1e-4;

    private final BgNbdParameters parameters;

    public BgNbdModel(BgNbdParameters parameters) {
        this.parameters = parameters;
    }

    public BgNbdParameters parameters() {
        return parameters;
    }

    /** The maximum-likelihood fit with {@link FitOptions#defaults()} from a starting point derived from the data. */
    public static BgNbdFit fit(SummaryCounts data) {
        return fit(data, FitOptions.defaults());
    }

    /** The maximum-likelihood fit from a starting point derived from the data: r = a = b = 1, r/alpha near x/T. */
    public static BgNbdFit fit(SummaryCounts data, FitOptions options) {
        requireData(data);
        double alpha = FastMath.max(data.meanT(), 1e-6) / (data.meanX() + 1);
        return fit(data, options, new BgNbdParameters(1, alpha, 1, 1));
    }

    /**
     * The maximum-likelihood fit from {@code start}. A fit that stops on {@code options.maxIterations()} or cannot
     * improve further before reaching the gradient tolerance reports {@code converged = false} with the best
     * parameters found; {@link BgNbdFit#requireConverged()} turns that into an exception.
     */
    public static BgNbdFit fit(SummaryCounts data, FitOptions options, BgNbdParameters start) {
        requireData(data);
        double customers = data.customers();
        QuasiNewtonMinimizer minimizer =
                new QuasiNewtonMinimizer(options.maxIterations(), options.gradientTolerance(), MAX_LOG_STEP);
        QuasiNewtonMinimizer.Result result = minimizer.minimize((logParameters, gradient) -> {
            double logLikelihood = logLikelihood(logParameters, data, gradient);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] /= -customers;
            }
            return -logLikelihood / customers;
        }, start.toLog());
        FitDiagnostics diagnostics = new FitDiagnostics(-result.value() * customers, result.iterations(),
                result.converged(), result.gradientNorm() * customers);
        return new BgNbdFit(BgNbdParameters.fromLog(result.point()), diagnostics);
    }

    /** The total log-likelihood of these customers. */
    public double logLikelihood(SummaryCounts data) {
        return logLikelihood(parameters.toLog(), data, new double[4]);
    }

    /** The log-likelihood of one customer. */
    public double logLikelihood(CustomerSummary customer) {
        return logLikelihood(SummaryCounts.builder().add(customer).build());
    }

    /**
     * The total log-likelihood at {@code logParameters} = (ln r, ln alpha, ln a, ln b), and its gradient with
     * respect to them in {@code gradient}.
     */
    static double logLikelihood(double[] logParameters, SummaryCounts data, double[] gradient) {
        double r = FastMath.exp(logParameters[0]);
        double alpha = FastMath.exp(logParameters[1]);
        double a = FastMath.exp(logParameters[2]);
        double b = FastMath.exp(logParameters[3]);
        double logAlpha = logParameters[1];
        double logA = logParameters[2];
        double logGammaR = Gamma.logGamma(r);
        double logGammaB = Gamma.logGamma(b);
        double logGammaAB = Gamma.logGamma(a + b);
        double digammaR = Gamma.digamma(r);
        double digammaB = Gamma.digamma(b);
        double digammaAB = Gamma.digamma(a + b);
        double[] logAlphaPlus = new double[data.timeCount()];
        double[] inverseAlphaPlus = new double[data.timeCount()];
        for (int k = 0; k < logAlphaPlus.length; k++) {
            logAlphaPlus[k] = Math.log(alpha + data.time(k));
            inverseAlphaPlus[k] = 1 / (alpha + data.time(k));
        }

        double sum = 0;
        double dR = 0;
        double dAlpha = 0;
        double dA = 0;
        double dB = 0;
        int size = data.size();
        int i = 0;
        while (i < size) {
            int x = data.x(i);
            double rx = r + x;
            double constant = r * logAlpha;
            double dRConstant = logAlpha;
            double dAConstant = 0;
            double dBConstant = 0;
            if (x > 0) {
                constant += Gamma.logGamma(rx) - logGammaR + logGammaAB + Gamma.logGamma(b + x) - logGammaB
                        - Gamma.logGamma(a + b + x);
                dRConstant += Gamma.digamma(rx) - digammaR;
                dAConstant = digammaAB - Gamma.digamma(a + b + x);
                dBConstant = digammaAB + Gamma.digamma(b + x) - digammaB - Gamma.digamma(a + b + x);
            }
            double dropoutShift = x > 0 ? logA - FastMath.log(b + x - 1) : 0;
            double groupCount = 0;
            double groupSum = 0;
            double groupDR = 0;
            double groupDAlpha = 0;
            double groupDA = 0;
            double groupDB = 0;
            for (; i < size && data.x(i) == x; i++) {
                double w = data.count(i);
                groupCount += w;
                int tIndex = data.tIndex(i);
                double logAlphaT = logAlphaPlus[tIndex];
                if (x == 0) {
                    groupSum -= w * rx * logAlphaT;
                    groupDR -= w * logAlphaT;
                    groupDAlpha -= w * rx * inverseAlphaPlus[tIndex];
                    continue;
                }
                int txIndex = data.txIndex(i);
                double logAlphaTx = logAlphaPlus[txIndex];
                double aliveTerm = -rx * logAlphaT;
                // ln(dropped / alive) of the two terms of the likelihood
                double logRatio = dropoutShift + rx * (logAlphaT - logAlphaTx);
                double e = Math.exp(-Math.abs(logRatio));
                double larger = 1 / (1 + e);
                double smaller = e * larger;
                double alive = logRatio > 0 ? smaller : larger;
                double dropped = logRatio > 0 ? larger : smaller;
                // e <= 1, so ln(1 + e) has full absolute accuracy next to the other terms
                groupSum += w * (aliveTerm + Math.max(logRatio, 0) + Math.log(1 + e));
                groupDR -= w * (alive * logAlphaT + dropped * logAlphaTx);
                groupDAlpha -= w * rx * (alive * inverseAlphaPlus[tIndex] + dropped * inverseAlphaPlus[txIndex]);
                groupDA += w * dropped;
                groupDB -= w * dropped;
            }
            sum += groupCount * constant + groupSum;
            dR += groupCount * dRConstant + groupDR;
            dAlpha += groupCount * r / alpha + groupDAlpha;
            dA += groupCount * dAConstant + groupDA / a;
            dB += groupCount * dBConstant + (x == 0 ? 0 : groupDB / (b + x - 1));
        }
        gradient[0] = r * dR;
        gradient[1] = alpha * dAlpha;
        gradient[2] = a * dA;
        gradient[3] = b * dB;
        return sum;
    }

    /**
     * P(alive at T | x, tx, T) = 1 / (1 + [x &gt; 0] a/(b+x-1) ((alpha+T)/(alpha+tx))^(r+x)), the probability
     * that the customer has not dropped out by the end of the observation period.
     */
    public double probabilityAlive(CustomerSummary customer) {
        if (customer.x() == 0) {
            return 1;
        }
        double r = parameters.r();
        double alpha = parameters.alpha();
        int x = customer.x();
        double logOdds = FastMath.log(parameters.a()) - FastMath.log(parameters.b() + x - 1)
                + (r + x) * FastMath.log1p((customer.T() - customer.tx()) / (alpha + customer.tx()));
        return logOdds > 0 ? FastMath.exp(-logOdds) / (1 + FastMath.exp(-logOdds)) : 1 / (1 + FastMath.exp(logOdds));
    }

    /**
     * E[purchases in (T, T+t] | x, tx, T], the conditional expectation of Fader, Hardie &amp; Lee (2005, eq. 10):
     * P(alive) times (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)],
     * z = t/(alpha+T+t). It is evaluated as P(alive) times -(a+b+x-1) [(1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)
     * - 1]/(a-1) (Euler's transformation): the parameters of that 2F1 no longer grow with x, nothing overflows for
     * large x or long horizons, and the factor 1/(a-1) is absorbed exactly ({@link Hypergeometric2F1#excessOverB}),
     * so a = 1 needs no special case.
     *
     * @param t horizon length, &ge; 0, in the time unit of the data
     */
    public double expectedPurchases(CustomerSummary customer, double t) {
        return probabilityAlive(customer) * expectedPurchasesIfAlive(customer.x(), customer.T(), t);
    }

    /**
     * E[X(t)], the expected number of repeat purchases in (0, t] of a customer who made a first purchase at time 0.
     */
    public double expectedRepeatPurchases(double t) {
        return expectedPurchasesIfAlive(0, 0, t);
    }

    /** E[purchases in (T, T+t] | x, T, alive at T]. */
    double expectedPurchasesIfAlive(int x, double T, double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("horizon must be finite and >= 0, got " + t);
        }
        if (t == 0) {
            return 0;
        }
        double c = parameters.a() + parameters.b() + x - 1;
        if (FastMath.abs(c) < PERTURBATION / 2) {
            return 3 * withBShiftedBy(PERTURBATION).conditionalExpectation(x, T, t)
                    - 3 * withBShiftedBy(2 * PERTURBATION).conditionalExpectation(x, T, t)
                    + withBShiftedBy(3 * PERTURBATION).conditionalExpectation(x, T, t);
        }
        return conditionalExpectation(x, T, t);
    }

    private BgNbdModel withBShiftedBy(double shift) {
        return new BgNbdModel(new BgNbdParameters(parameters.r(), parameters.alpha(), parameters.a(),
                parameters.b() + shift));
    }

    /**
     * The closed form, with c = a + b + x - 1 away from 0 (within 5e-5 of it, 0/0 in the closed form, the caller
     * extrapolates quadratically from b + 1e-4, b + 2e-4, b + 3e-4: error O(1e-12)).
     */
    private double conditionalExpectation(int x, double T, double t) {
        double r = parameters.r();
        double a = parameters.a();
        double b = parameters.b();
        double k = t / (parameters.alpha() + T);
        double z = k / (1 + k);
        double logOneMinusZ = -FastMath.log1p(k);
        double shape = a - 1;
        double c = a + b + x - 1;
        double excess = Hypergeometric2F1.excessOverB(c - r - x, shape, c, z);
        double u = shape * logOneMinusZ;
        double powerMinusOneOverShape = u == 0 ? logOneMinusZ : logOneMinusZ * FastMath.expm1(u) / u;
        return -c * (powerMinusOneOverShape + FastMath.exp(u) * excess);
    }

    private static void requireData(SummaryCounts data) {
        if (data.customers() == 0) {
            throw new IllegalArgumentException("cannot fit a model to no customers");
        }
    }
}
