package io.tally.core.domain.clv;

import org.hipparchus.random.RandomDataGenerator;

/**
 * Draws customers from the BG/NBD generative process, for testing fits and benchmarking: each customer gets a
 * purchase rate lambda ~ Gamma(r, alpha) and a dropout probability p ~ Beta(a, b), buys at exponential intervals
 * of mean 1/lambda from a first purchase at time 0, and drops out with probability p after each repeat purchase.
 * The sequence of customers is fixed by the seed.
 */
public final class BgNbdSimulator {

    private final BgNbdParameters parameters;
    private final double stepsPerUnit;
    private final RandomDataGenerator random;

    /**
     * @param stepsPerUnit when positive, recency is rounded to the nearest multiple of 1/stepsPerUnit, like
     *                     transaction data recorded per day (7 for a model in weeks); 0 keeps continuous times
     */
    public BgNbdSimulator(BgNbdParameters parameters, double stepsPerUnit, long seed) {
        if (!(stepsPerUnit >= 0) || Double.isInfinite(stepsPerUnit)) {
            throw new IllegalArgumentException("stepsPerUnit must be finite and >= 0, got " + stepsPerUnit);
        }
        this.parameters = parameters;
        this.stepsPerUnit = stepsPerUnit;
        this.random = new RandomDataGenerator(seed);
    }

    /** The next customer, observed for {@code T} after the first purchase. */
    public CustomerSummary next(double T) {
        double lambda = random.nextGamma(parameters.r(), 1 / parameters.alpha());
        double p = random.nextBeta(parameters.a(), parameters.b());
        int x = 0;
        double tx = 0;
        double time = waitingTime(lambda);
        while (time <= T) {
            x++;
            tx = time;
            if (random.nextDouble() < p) {
                break;
            }
            time += waitingTime(lambda);
        }
        if (stepsPerUnit > 0) {
            tx = Math.min(T, Math.round(tx * stepsPerUnit) / stepsPerUnit);
        }
        return new CustomerSummary(x, tx, T);
    }

    private double waitingTime(double lambda) {
        return -Math.log1p(-random.nextDouble()) / lambda;
    }
}
