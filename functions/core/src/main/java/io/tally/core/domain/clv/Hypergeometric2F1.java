package io.tally.core.domain.clv;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

import java.util.function.DoubleUnaryOperator;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z &le; 1.
 *
 * <p>Every evaluation sums Gauss series, each term from the previous one by the term ratio
 * (a+n)(b+n) z / ((c+n)(n+1)). A series stops once its remaining tail, bounded by a geometric series of the current
 * ratio, is below 1e-17 of the sum; its running sum is rescaled past 1e250, so values beyond the double range come
 * out of {@link #logAbsValue}. Each series also sums the absolute values of its terms: their ratio to the absolute
 * sum, the condition number, says how many digits cancellation cost, and decides between equivalent forms.
 * <ul>
 *   <li>0 &lt; z &lt; 1: the series in z, and if its condition number exceeds 1e4 (terms of alternating sign, e.g.
 *       a &lt; 0 and large) also Euler's form (1-z)^(c-a-b) 2F1(c-a, c-b; c; z); the better conditioned wins. Above
 *       z = {@value #SERIES_LIMIT} a series gets {@value #SLOW_SERIES_TERMS} terms (enough up to z of about 0.998,
 *       and for any z when c is large against a and b); if neither form converges or both are ill-conditioned
 *       (z &ge; 0.5), the connection formula to 1 - z (Abramowitz &amp; Stegun 15.3.6) with Gamma-function
 *       coefficients in log space competes too. That formula is singular when s = c - a - b is an integer; within
 *       5e-5 of one, its value is Richardson-extrapolated from the symmetric means at c &plusmn; 1e-4 and
 *       c &plusmn; 2e-4.</li>
 *   <li>z &lt; 0: Pfaff's transformation 2F1(a, b; c; z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1)) maps z into (0, 1)
 *       (the Euler form of the result is the other Pfaff transformation).</li>
 *   <li>z = 1: Gauss's theorem, defined when c - a - b &gt; 0.</li>
 *   <li>a or b a non-positive integer: the series terminates (a polynomial) for every z.</li>
 * </ul>
 *
 * Accuracy against 60-digit references (docs/clv.md): about 1e-14 relative where a series is well conditioned,
 * 1e-11 through the connection formula and the Richardson extrapolation.
 */
public final class Hypergeometric2F1 {

    /** Largest z at which a series may take up to 100,000 terms. */
    public static final double SERIES_LIMIT = 0.9;

    /** Terms a series may take for z above {@value #SERIES_LIMIT}. */
    public static final int SLOW_SERIES_TERMS = 20_000;

    private static final int MAX_TERMS = 100_000;
    private static final double TAIL_TOLERANCE = 1e-17;
    private static final double WELL_CONDITIONED = 1e4;
    private static final double RESCALE_ABOVE = 1e250;
    private static final double LOG_RESCALE = FastMath.log(RESCALE_ABOVE);
    private static final double PERTURBATION = 1e-4;

    private Hypergeometric2F1() {
    }

    /**
     * 2F1(a, b; c; z).
     *
     * @throws IllegalArgumentException if c is a non-positive integer (and the series does not terminate first),
     *                                  z &gt; 1, z = 1 with c - a - b &le; 0, or any argument is not finite
     */
    public static double value(double a, double b, double c, double z) {
        return evaluate(a, b, c, z).value();
    }

    /** ln |2F1(a, b; c; z)|, finite even where the value itself overflows a double. */
    public static double logAbsValue(double a, double b, double c, double z) {
        Scaled result = evaluate(a, b, c, z);
        return FastMath.log(FastMath.abs(result.sum())) + result.logScale();
    }

    /**
     * (2F1(a, b; c; z) - 1) / b, finite and accurate as b tends to 0 (the limit is the derivative of 2F1 in b at
     * b = 0) and as z tends to 0: for 0 &lt; z &lt; 1 it is summed from the series without its leading 1, in which
     * every term carries the factor b. If that series is ill-conditioned, (2F1 - 1)/b from {@link #value} is used
     * when its error estimate is smaller, Richardson-extrapolated in b when |b| &lt; 5e-5.
     */
    public static double excessOverB(double a, double b, double c, double z) {
        requireArguments(a, b, c, z);
        if (z == 0) {
            return 0;
        }
        boolean terminates = isNonPositiveInteger(a) || b != 0 && isNonPositiveInteger(b);
        Scaled tail = z > 0 && z < 1 || terminates ? series(a * z / c, 1, a, b, c, z, budget(z, terminates)) : null;
        if (tail != null && tail.condition() <= WELL_CONDITIONED) {
            return tail.value();
        }
        if (FastMath.abs(b) < PERTURBATION / 2) {
            return richardson(h -> 0.5 * ((value(a, b + h, c, z) - 1) / (b + h)
                    + (value(a, b - h, c, z) - 1) / (b - h))).value();
        }
        Scaled full = evaluate(a, b, c, z);
        double viaValue = (full.value() - 1) / b;
        if (tail == null) {
            return viaValue;
        }
        double tailError = tail.absoluteSum() * FastMath.exp(tail.logScale());
        double valueError = (full.absoluteSum() * FastMath.exp(full.logScale()) + 1) / FastMath.abs(b);
        return tailError <= valueError ? tail.value() : viaValue;
    }

    private static Scaled evaluate(double a, double b, double c, double z) {
        requireArguments(a, b, c, z);
        if (z == 0) {
            return new Scaled(1, 1, 0);
        }
        if (z < 0) {
            Scaled transformed = evaluate(a, c - b, c, z / (z - 1));
            return transformed.times(-a * FastMath.log1p(-z));
        }
        if (z == 1) {
            return gaussSum(a, b, c);
        }
        boolean terminates = isNonPositiveInteger(a) || isNonPositiveInteger(b);
        Scaled best = series(1, 0, a, b, c, z, budget(z, terminates));
        if (best != null && best.condition() <= WELL_CONDITIONED) {
            return best;
        }
        Scaled euler = series(1, 0, c - a, c - b, c, z, budget(z, false));
        best = better(best, euler == null ? null : euler.times((c - a - b) * FastMath.log1p(-z)));
        if (best != null && (best.condition() <= WELL_CONDITIONED || z < 0.5 || isNonPositiveInteger(c))) {
            return best;
        }
        double s = c - a - b;
        Scaled connection = FastMath.abs(s - FastMath.rint(s)) < PERTURBATION / 2
                ? richardson(h -> 0.5 * (connectionToOneMinusZ(a, b, c + h, z).value()
                        + connectionToOneMinusZ(a, b, c - h, z).value()))
                : connectionToOneMinusZ(a, b, c, z);
        return better(best, connection);
    }

    private static int budget(double z, boolean terminates) {
        return z <= SERIES_LIMIT || terminates ? MAX_TERMS : SLOW_SERIES_TERMS;
    }

    private static Scaled better(Scaled one, Scaled other) {
        if (one == null || other == null) {
            return one == null ? other : one;
        }
        return other.condition() < one.condition() ? other : one;
    }

    /**
     * Richardson extrapolation to h = 0 of a function even in h, from h = 1e-4 and 2e-4: truncation error O(h^4),
     * cancellation in the perturbed evaluations about 1e-16 / h, recorded as condition number 1 / h.
     */
    private static Scaled richardson(DoubleUnaryOperator symmetricMean) {
        double value = (4 * symmetricMean.applyAsDouble(PERTURBATION)
                - symmetricMean.applyAsDouble(2 * PERTURBATION)) / 3;
        return new Scaled(value, FastMath.abs(value) / PERTURBATION, 0);
    }

    /** A&S 15.3.6, valid for s = c - a - b not an integer and 0 &lt; z &lt; 1. */
    private static Scaled connectionToOneMinusZ(double a, double b, double c, double z) {
        double s = c - a - b;
        double w = 1 - z;
        double first = 0;
        double firstMagnitude = 0;
        if (!isNonPositiveInteger(c - a) && !isNonPositiveInteger(c - b)) {
            Scaled f = requireConverged(series(1, 0, a, b, 1 - s, w, MAX_TERMS), a, b, c, z);
            double logCoefficient = logAbsGamma(c) + logAbsGamma(s) - logAbsGamma(c - a) - logAbsGamma(c - b)
                    + f.logScale();
            double sign = signGamma(c) * signGamma(s) * signGamma(c - a) * signGamma(c - b);
            first = sign * f.sum() * FastMath.exp(logCoefficient);
            firstMagnitude = f.absoluteSum() * FastMath.exp(logCoefficient);
        }
        Scaled g = requireConverged(series(1, 0, c - a, c - b, 1 + s, w, MAX_TERMS), a, b, c, z);
        double logCoefficient = s * FastMath.log(w) + logAbsGamma(c) + logAbsGamma(-s) - logAbsGamma(a)
                - logAbsGamma(b) + g.logScale();
        double sign = signGamma(c) * signGamma(-s) * signGamma(a) * signGamma(b);
        double second = sign * g.sum() * FastMath.exp(logCoefficient);
        return new Scaled(first + second, firstMagnitude + g.absoluteSum() * FastMath.exp(logCoefficient), 0);
    }

    private static Scaled gaussSum(double a, double b, double c) {
        double s = c - a - b;
        if (!(s > 0)) {
            throw new IllegalArgumentException("2F1(a, b; c; 1) diverges unless c - a - b > 0, got " + s);
        }
        if (isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b)) {
            return new Scaled(0, 0, 0);
        }
        double logValue = logAbsGamma(c) + logAbsGamma(s) - logAbsGamma(c - a) - logAbsGamma(c - b);
        return new Scaled(signGamma(c) * signGamma(c - a) * signGamma(c - b), 1, logValue);
    }

    /**
     * Sum of the series terms from index {@code firstIndex} on, the first being {@code firstTerm} and each next one
     * the previous times (a+n)(b+n) z / ((c+n)(n+1)); null if it has not converged after {@code maxTerms} terms.
     */
    private static Scaled series(double firstTerm, int firstIndex, double a, double b, double c, double z,
                                 int maxTerms) {
        double term = firstTerm;
        double sum = firstTerm;
        double absoluteSum = FastMath.abs(firstTerm);
        double logScale = 0;
        for (int n = firstIndex; n < maxTerms; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            absoluteSum += FastMath.abs(term);
            if (term == 0) {
                return new Scaled(sum, absoluteSum, logScale);
            }
            double bound = FastMath.max(FastMath.abs(ratio), FastMath.abs(z));
            if (bound < 1 && FastMath.abs(term) * bound / (1 - bound) <= TAIL_TOLERANCE * FastMath.abs(sum)) {
                return new Scaled(sum, absoluteSum, logScale);
            }
            if (absoluteSum > RESCALE_ABOVE) {
                sum /= RESCALE_ABOVE;
                term /= RESCALE_ABOVE;
                absoluteSum /= RESCALE_ABOVE;
                logScale += LOG_RESCALE;
            }
        }
        return null;
    }

    private static Scaled requireConverged(Scaled series, double a, double b, double c, double z) {
        if (series == null) {
            throw new IllegalArgumentException("2F1 series did not converge in " + MAX_TERMS + " terms for a=" + a
                    + ", b=" + b + ", c=" + c + ", z=" + z);
        }
        return series;
    }

    private static void requireArguments(double a, double b, double c, double z) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(z) || Double.isInfinite(a)
                || Double.isInfinite(b) || Double.isInfinite(c) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("2F1 needs finite arguments, got a=" + a + ", b=" + b + ", c=" + c
                    + ", z=" + z);
        }
        if (z > 1) {
            throw new IllegalArgumentException("2F1 is evaluated for z <= 1 only, got " + z);
        }
        if (isNonPositiveInteger(c) && !terminatesBefore(a, c) && !terminatesBefore(b, c)) {
            throw new IllegalArgumentException("2F1 is undefined for c = " + c);
        }
    }

    private static boolean terminatesBefore(double parameter, double c) {
        return isNonPositiveInteger(parameter) && parameter > c;
    }

    static boolean isNonPositiveInteger(double v) {
        return v <= 0 && v == FastMath.rint(v);
    }

    /** ln |Gamma(x)| for any real x that is not a non-positive integer. */
    static double logAbsGamma(double x) {
        if (x > 0) {
            return Gamma.logGamma(x);
        }
        double fraction = x - FastMath.rint(x);
        return FastMath.log(FastMath.PI) - FastMath.log(FastMath.abs(FastMath.sin(FastMath.PI * fraction)))
                - Gamma.logGamma(1 - x);
    }

    /** The sign of Gamma(x): positive for x &gt; 0, alternating between the poles for x &lt; 0. */
    static double signGamma(double x) {
        if (x > 0) {
            return 1;
        }
        return ((long) FastMath.floor(x)) % 2 == 0 ? 1 : -1;
    }

    /** sum &times; e^logScale, with the sum of the absolute values of the terms on the same scale. */
    private record Scaled(double sum, double absoluteSum, double logScale) {

        double value() {
            return sum * FastMath.exp(logScale);
        }

        /** Cancellation factor: 1 for terms of one sign, 10^k when k digits cancelled. */
        double condition() {
            return absoluteSum / FastMath.abs(sum);
        }

        Scaled times(double logFactor) {
            return new Scaled(sum, absoluteSum, logScale + logFactor);
        }
    }
}
