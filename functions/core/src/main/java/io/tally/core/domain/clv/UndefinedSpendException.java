package io.tally.core.domain.clv;

/**
 * The Gamma-Gamma population mean spend p&middot;gamma/(q-1) does not exist because q &le; 1, so a customer without
 * informative spend history has no expected spend.
 */
public class UndefinedSpendException extends RuntimeException {

    public UndefinedSpendException(GammaGammaParameters parameters) {
        super("population mean spend is infinite for q <= 1: " + parameters);
    }
}
