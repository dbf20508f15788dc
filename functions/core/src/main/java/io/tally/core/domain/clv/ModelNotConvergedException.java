package io.tally.core.domain.clv;

/** A maximum-likelihood fit stopped before reaching a maximum. */
public class ModelNotConvergedException extends RuntimeException {

    public ModelNotConvergedException(String model, FitDiagnostics diagnostics) {
        super(model + " fit did not converge: " + diagnostics);
    }
}
