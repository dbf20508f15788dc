package io.tally.core.domain.clv;

/**
 * A Gamma-Gamma expected spend does not exist: the population mean p&middot;gamma/(q-1) is infinite because
 * q &le; 1, or a customer's conditional expectation is because p x + q &le; 1.
 */
public class UndefinedSpendException extends RuntimeException {

    public UndefinedSpendException(GammaGammaParameters parameters) {
        super("expected spend is infinite for these Gamma-Gamma parameters (q <= 1, or p x + q <= 1): "
                + parameters);
    }
}
