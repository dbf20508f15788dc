package io.tally.core.domain.clv;

/** The result of {@link BgNbdModel#fit}: the parameters found and how the fit ended. */
public record BgNbdFit(BgNbdParameters parameters, FitDiagnostics diagnostics) {

    /** The model at the fitted parameters. */
    public BgNbdModel model() {
        return new BgNbdModel(parameters);
    }

    /**
     * This fit, if it converged.
     *
     * @throws ModelNotConvergedException otherwise
     */
    public BgNbdFit requireConverged() {
        if (!diagnostics.converged()) {
            throw new ModelNotConvergedException("BG/NBD", diagnostics);
        }
        return this;
    }
}
