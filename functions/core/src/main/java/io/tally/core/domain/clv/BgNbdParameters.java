package io.tally.core.domain.clv;

/**
 * Parameters of the BG/NBD model (Fader, Hardie &amp; Lee 2005): while active, a customer buys at Poisson rate
 * lambda ~ Gamma(shape {@code r}, rate {@code alpha}); after each repeat purchase the customer drops out with
 * probability p ~ Beta({@code a}, {@code b}). {@code alpha} is in the time unit of the data.
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {

    public BgNbdParameters {
        if (!isPositiveFinite(r) || !isPositiveFinite(alpha) || !isPositiveFinite(a) || !isPositiveFinite(b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive and finite, got r=" + r
                    + ", alpha=" + alpha + ", a=" + a + ", b=" + b);
        }
    }

    static BgNbdParameters fromLog(double[] logParameters) {
        return new BgNbdParameters(Math.exp(logParameters[0]), Math.exp(logParameters[1]),
                Math.exp(logParameters[2]), Math.exp(logParameters[3]));
    }

    double[] toLog() {
        return new double[] {Math.log(r), Math.log(alpha), Math.log(a), Math.log(b)};
    }

    static boolean isPositiveFinite(double v) {
        return v > 0 && v < Double.POSITIVE_INFINITY;
    }
}
