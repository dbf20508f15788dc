package io.tally.core.domain.clv;

/**
 * Stopping rules of a maximum-likelihood fit.
 *
 * @param maxIterations     iterations after which the fit gives up and reports {@code converged = false}
 * @param gradientTolerance convergence threshold on the gradient norm of the log-likelihood with respect to the
 *                          log-parameters, per customer (the total gradient norm must be at most this times the
 *                          number of customers)
 */
public record FitOptions(int maxIterations, double gradientTolerance) {

    public FitOptions {
        if (maxIterations < 1 || !(gradientTolerance > 0)) {
            throw new IllegalArgumentException("need maxIterations >= 1 and gradientTolerance > 0, got "
                    + maxIterations + ", " + gradientTolerance);
        }
    }

    /** 500 iterations, gradient norm 1e-8 per customer. */
    public static FitOptions defaults() {
        return new FitOptions(500, 1e-8);
    }
}
