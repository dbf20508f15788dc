package io.tally.core.domain.clv;

import org.hipparchus.random.RandomDataGenerator;

/**
 * Draws spend histories from the Gamma-Gamma generative process, for testing fits and benchmarking: each customer
 * gets a rate nu ~ Gamma(q, gamma), and the mean of x transaction values, each Gamma(p, nu), is Gamma(p x, nu x).
 * The sequence of customers is fixed by the seed.
 */
public final class GammaGammaSimulator {

    private final GammaGammaParameters parameters;
    private final RandomDataGenerator random;

    public GammaGammaSimulator(GammaGammaParameters parameters, long seed) {
        this.parameters = parameters;
        this.random = new RandomDataGenerator(seed);
    }

    /**
     * The mean value of the next customer's {@code x} transactions, 0 when {@code x = 0}.
     *
     * @throws IllegalArgumentException if x &lt; 0
     */
    public double nextMeanSpend(int x) {
        if (x < 0) {
            throw new IllegalArgumentException("x must be >= 0, got " + x);
        }
        double nu = random.nextGamma(parameters.q(), 1 / parameters.gamma());
        return x == 0 ? 0 : random.nextGamma(parameters.p() * x, 1 / (nu * x));
    }
}
