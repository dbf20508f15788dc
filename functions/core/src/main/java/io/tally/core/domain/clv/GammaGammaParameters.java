package io.tally.core.domain.clv;

/**
 * Parameters of the Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"): a customer's
 * transaction values are Gamma(shape {@code p}, rate nu), and nu ~ Gamma(shape {@code q}, rate {@code gamma})
 * across customers. {@code gamma} is in the currency of the data.
 */
public record GammaGammaParameters(double p, double q, double gamma) {

    public GammaGammaParameters {
        if (!BgNbdParameters.isPositiveFinite(p) || !BgNbdParameters.isPositiveFinite(q)
                || !BgNbdParameters.isPositiveFinite(gamma)) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite, got p=" + p
                    + ", q=" + q + ", gamma=" + gamma);
        }
    }

    static GammaGammaParameters fromLog(double[] logParameters) {
        return new GammaGammaParameters(Math.exp(logParameters[0]), Math.exp(logParameters[1]),
                Math.exp(logParameters[2]));
    }

    double[] toLog() {
        return new double[] {Math.log(p), Math.log(q), Math.log(gamma)};
    }
}
