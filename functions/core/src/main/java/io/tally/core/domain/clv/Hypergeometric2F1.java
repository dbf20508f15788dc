package io.tally.core.domain.clv;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

import java.util.function.DoubleUnaryOperator;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z &le; 1.
 *
 * <ul>
 *   <li>0 &le; z &le; {@value #SERIES_LIMIT}: the Gauss series, each term from the previous one by the term ratio
 *       (a+n)(b+n) z / ((c+n)(n+1)); the running sum is rescaled when it grows past 1e250, so huge values come out
 *       of {@link #logAbsValue} without overflow. The series stops once the remaining tail, bounded by a geometric
 *       series of the current ratio, is below 1e-17 of the sum.</li>
 *   <li>{@value #SERIES_LIMIT} &lt; z &lt; 1: the same series if it converges within {@value #SLOW_SERIES_TERMS}
 *       terms (it does for z up to about 0.998, and for any z when c is large against a and b, as in the BG/NBD
 *       expectation); otherwise the connection formula to 1 - z (Abramowitz &amp; Stegun 15.3.6) with
 *       Gamma-function coefficients in log space. That formula is singular when s = c - a - b is an integer; within
 *       5e-5 of one, the value is Richardson-extrapolated from the symmetric means at c &plusmn; 1e-4 and
 *       c &plusmn; 2e-4. It loses accuracy when a and b are large as well (terms of alternating sign).</li>
 *   <li>z &lt; 0: Pfaff's transformation 2F1(a, b; c; z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1)) maps z into (0, 1).</li>
 *   <li>z = 1: Gauss's theorem, defined when c - a - b &gt; 0.</li>
 *   <li>a or b a non-positive integer: the terminating series (a polynomial) for every z.</li>
 * </ul>
 *
 * Accuracy against 60-digit references: about 1e-14 relative on the series, 1e-11 through the connection formula
 * (see docs/clv.md).
 */
public final class Hypergeometric2F1 {

    /** Largest z summed directly; above it the connection formula to 1 - z takes over. */
    public static final double SERIES_LIMIT = 0.9;

    /** Terms tried for {@value #SERIES_LIMIT} &lt; z &lt; 1 before switching to the connection formula. */
    public static final int SLOW_SERIES_TERMS = 20_000;

    private static final int MAX_TERMS = 100_000;
    private static final double TAIL_TOLERANCE = 1e-17;
    private static final double RESCALE_ABOVE = 1e250;
    private static final double LOG_RESCALE = FastMath.log(RESCALE_ABOVE);
    private static final double PERTURBATION = 1e-4;

    private Hypergeometric2F1() {
    }

    /**
     * 2F1(a, b; c; z).
     *
     * @throws IllegalArgumentException if c is a non-positive integer (and the series does not terminate first),
     *                                  z &gt; 1, z = 1 with c - a - b &le; 0, or any argument is not a number
     */
    public static double value(double a, double b, double c, double z) {
        Scaled result = evaluate(a, b, c, z);
        return result.sum() * FastMath.exp(result.logScale());
    }

    /** ln |2F1(a, b; c; z)|, finite even where the value itself overflows a double. */
    public static double logAbsValue(double a, double b, double c, double z) {
        Scaled result = evaluate(a, b, c, z);
        return FastMath.log(FastMath.abs(result.sum())) + result.logScale();
    }

    /**
     * (2F1(a, b; c; z) - 1) / b, which stays finite and accurate as b tends to 0 (the limit is the derivative of
     * 2F1 in b at b = 0). For z &le; {@value #SERIES_LIMIT} it is summed directly from the series without the
     * leading 1, so there is no cancellation for small z either.
     */
    public static double excessOverB(double a, double b, double c, double z) {
        requireArguments(a, b, c, z);
        if (z == 0) {
            return 0;
        }
        boolean terminates = isNonPositiveInteger(a) || b != 0 && isNonPositiveInteger(b);
        if (z > 0 && z < 1 || terminates) {
            Scaled tail = series(a * z / c, 1, a, b, c, z, z <= SERIES_LIMIT || terminates ? MAX_TERMS
                    : SLOW_SERIES_TERMS);
            if (tail != null) {
                return tail.sum() * FastMath.exp(tail.logScale());
            }
        }
        if (FastMath.abs(b) < PERTURBATION / 2) {
            return richardson(h -> 0.5 * ((value(a, b + h, c, z) - 1) / (b + h) + (value(a, b - h, c, z) - 1) / (b - h)));
        }
        return (value(a, b, c, z) - 1) / b;
    }

    private static Scaled evaluate(double a, double b, double c, double z) {
        requireArguments(a, b, c, z);
        if (z == 0) {
            return new Scaled(1, 0);
        }
        if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) {
            return series(1, 0, a, b, c, z, MAX_TERMS);
        }
        if (z < 0) {
            Scaled transformed = evaluate(a, c - b, c, z / (z - 1));
            return new Scaled(transformed.sum(), transformed.logScale() - a * FastMath.log1p(-z));
        }
        if (z == 1) {
            return gaussSum(a, b, c);
        }
        Scaled direct = series(1, 0, a, b, c, z, z <= SERIES_LIMIT ? MAX_TERMS : SLOW_SERIES_TERMS);
        if (direct != null) {
            return direct;
        }
        double s = c - a - b;
        if (FastMath.abs(s - FastMath.rint(s)) < PERTURBATION / 2) {
            return new Scaled(richardson(h -> 0.5 * (connectionToOneMinusZ(a, b, c + h, z)
                    + connectionToOneMinusZ(a, b, c - h, z))), 0);
        }
        return new Scaled(connectionToOneMinusZ(a, b, c, z), 0);
    }

    /** Richardson extrapolation to h = 0 of a function even in h, from h = 1e-4 and 2e-4: error O(h^4). */
    private static double richardson(DoubleUnaryOperator symmetricMean) {
        return (4 * symmetricMean.applyAsDouble(PERTURBATION) - symmetricMean.applyAsDouble(2 * PERTURBATION)) / 3;
    }

    /** A&S 15.3.6, valid for s = c - a - b not an integer and 0 &lt; z &lt; 1. */
    private static double connectionToOneMinusZ(double a, double b, double c, double z) {
        double s = c - a - b;
        double w = 1 - z;
        double first = 0;
        if (!isNonPositiveInteger(c - a) && !isNonPositiveInteger(c - b)) {
            Scaled f = series(1, 0, a, b, 1 - s, w, MAX_TERMS);
            double logCoefficient = logAbsGamma(c) + logAbsGamma(s) - logAbsGamma(c - a) - logAbsGamma(c - b);
            double sign = signGamma(c) * signGamma(s) * signGamma(c - a) * signGamma(c - b);
            first = sign * f.sum() * FastMath.exp(logCoefficient + f.logScale());
        }
        Scaled g = series(1, 0, c - a, c - b, 1 + s, w, MAX_TERMS);
        double logCoefficient = s * FastMath.log(w) + logAbsGamma(c) + logAbsGamma(-s)
                - logAbsGamma(a) - logAbsGamma(b);
        double sign = signGamma(c) * signGamma(-s) * signGamma(a) * signGamma(b);
        return first + sign * g.sum() * FastMath.exp(logCoefficient + g.logScale());
    }

    private static Scaled gaussSum(double a, double b, double c) {
        double s = c - a - b;
        if (!(s > 0)) {
            throw new IllegalArgumentException("2F1(a, b; c; 1) diverges unless c - a - b > 0, got " + s);
        }
        if (isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b)) {
            return new Scaled(0, 0);
        }
        double logValue = logAbsGamma(c) + logAbsGamma(s) - logAbsGamma(c - a) - logAbsGamma(c - b);
        return new Scaled(signGamma(c) * signGamma(c - a) * signGamma(c - b), logValue);
    }

    /**
     * Sum of the series terms from index {@code firstIndex} on, the first being {@code firstTerm} and each next one
     * the previous times (a+n)(b+n) z / ((c+n)(n+1)); null if it has not converged after {@code maxTerms} terms,
     * unless {@code maxTerms} is {@link #MAX_TERMS}, which throws instead.
     */
    private static Scaled series(double firstTerm, int firstIndex, double a, double b, double c, double z,
                                 int maxTerms) {
        double term = firstTerm;
        double sum = firstTerm;
        double logScale = 0;
        for (int n = firstIndex; n < maxTerms; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0) {
                return new Scaled(sum, logScale);
            }
            double bound = FastMath.max(FastMath.abs(ratio), FastMath.abs(z));
            if (bound < 1 && FastMath.abs(term) * bound / (1 - bound) <= TAIL_TOLERANCE * FastMath.abs(sum)) {
                return new Scaled(sum, logScale);
            }
            if (FastMath.abs(sum) > RESCALE_ABOVE) {
                sum /= RESCALE_ABOVE;
                term /= RESCALE_ABOVE;
                logScale += LOG_RESCALE;
            }
        }
        if (maxTerms < MAX_TERMS) {
            return null;
        }
        throw new IllegalArgumentException("2F1 series did not converge in " + MAX_TERMS + " terms for a=" + a
                + ", b=" + b + ", c=" + c + ", z=" + z);
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

    private record Scaled(double sum, double logScale) {
    }
}
