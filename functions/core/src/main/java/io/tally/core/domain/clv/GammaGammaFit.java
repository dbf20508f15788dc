package io.tally.core.domain.clv;

/**
 * The result of {@link GammaGammaModel#fit}.
 *
 * @param customersFitted   customers with at least one repeat transaction of positive mean value
 * @param customersExcluded customers left out: no repeat transaction or a zero mean value
 */
public record GammaGammaFit(GammaGammaParameters parameters, FitDiagnostics diagnostics, int customersFitted,
                            int customersExcluded) {

    /** The model at the fitted parameters. */
    public GammaGammaModel model() {
        return new GammaGammaModel(parameters);
    }

    /**
     * This fit, if it converged.
     *
     * @throws ModelNotConvergedException otherwise
     */
    public GammaGammaFit requireConverged() {
        if (!diagnostics.converged()) {
            throw new ModelNotConvergedException("Gamma-Gamma", diagnostics);
        }
        return this;
    }
}
