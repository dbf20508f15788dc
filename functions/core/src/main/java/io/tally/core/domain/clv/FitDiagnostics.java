package io.tally.core.domain.clv;

/**
 * How a maximum-likelihood fit ended.
 *
 * @param logLikelihood the total log-likelihood at the returned parameters
 * @param iterations    quasi-Newton iterations taken
 * @param converged     whether the gradient norm reached the tolerance; {@code false} means the parameters are the
 *                      best point found, not a maximum
 * @param gradientNorm  Euclidean norm of the gradient of the total log-likelihood with respect to the logarithms of
 *                      the parameters, at the returned parameters
 */
public record FitDiagnostics(double logLikelihood, int iterations, boolean converged, double gradientNorm) {
}
