package io.tally.core.domain.clv;

/**
 * BFGS on an analytic gradient with a weak-Wolfe bisection line search, for the few (3-4) unconstrained
 * log-parameters of the CLV models. Hipparchus has no quasi-Newton optimizer; its non-linear conjugate gradient
 * searches lines on function values only and needs many more likelihood passes for the same accuracy, and a
 * likelihood pass is the whole cost of a fit. The line search accepts the Hager-Zhang approximate Armijo
 * condition (value within 1e-12 relative) as well, so that rounding noise in a sum over many customers does not
 * stall the last iterations.
 */
final class QuasiNewtonMinimizer {

    private static final double ARMIJO = 1e-4;
    private static final double CURVATURE = 0.9;
    private static final double APPROXIMATE_ARMIJO_SLACK = 1e-12;
    private static final int LINE_SEARCH_STEPS = 60;

    /** A function to minimize; writes its gradient and returns its value, or NaN or infinity where undefined. */
    interface Objective {
        double evaluate(double[] point, double[] gradient);
    }

    record Result(double[] point, double value, double[] gradient, int iterations, boolean converged) {

        double gradientNorm() {
            return norm(gradient);
        }
    }

    private final int maxIterations;
    private final double gradientTolerance;
    private final double maxStep;

    /**
     * @param gradientTolerance stop when the Euclidean norm of the gradient is at most this
     * @param maxStep           largest change of any coordinate in one iteration (log-parameters: a factor e^maxStep)
     */
    QuasiNewtonMinimizer(int maxIterations, double gradientTolerance, double maxStep) {
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.maxStep = maxStep;
    }

    Result minimize(Objective objective, double[] start) {
        int n = start.length;
        double[] point = start.clone();
        double[] gradient = new double[n];
        double value = objective.evaluate(point, gradient);
        if (!Double.isFinite(value) || !allFinite(gradient)) {
            throw new IllegalArgumentException("objective is not finite at the starting point");
        }
        double[][] inverseHessian = identity(n);
        boolean scaled = false;
        double[] trialPoint = new double[n];
        double[] trialGradient = new double[n];
        int iteration = 0;
        while (iteration < maxIterations) {
            if (norm(gradient) <= gradientTolerance) {
                return new Result(point, value, gradient, iteration, true);
            }
            iteration++;
            double[] direction = times(inverseHessian, gradient, -1);
            double slope = dot(gradient, direction);
            if (!(slope < 0)) {
                inverseHessian = identity(n);
                scaled = false;
                direction = times(inverseHessian, gradient, -1);
                slope = dot(gradient, direction);
            }
            double largest = maxAbs(direction);
            if (largest > maxStep) {
                for (int i = 0; i < n; i++) {
                    direction[i] *= maxStep / largest;
                }
                slope *= maxStep / largest;
            }
            double[] trialValue = new double[1];
            double step = lineSearch(objective, point, value, slope, direction, maxStep / maxAbs(direction),
                    trialPoint, trialGradient, trialValue);
            if (step == 0) {
                if (isIdentity(inverseHessian)) {
                    break;
                }
                inverseHessian = identity(n);
                scaled = false;
                continue;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = trialPoint[i] - point[i];
                y[i] = trialGradient[i] - gradient[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-300) {
                if (!scaled) {
                    inverseHessian = identity(n);
                    double scale = sy / dot(y, y);
                    for (int i = 0; i < n; i++) {
                        inverseHessian[i][i] = scale;
                    }
                    scaled = true;
                }
                updateInverseHessian(inverseHessian, s, y, sy);
            }
            System.arraycopy(trialPoint, 0, point, 0, n);
            System.arraycopy(trialGradient, 0, gradient, 0, n);
            value = trialValue[0];
        }
        return new Result(point, value, gradient, iteration, norm(gradient) <= gradientTolerance);
    }

    /**
     * A step length up to {@code limit} along {@code direction} satisfying the weak Wolfe conditions, found by
     * doubling and bisection. Leaves the accepted point, its gradient and value in the {@code trial*} arrays, or
     * returns 0 if no step decreases the objective.
     */
    private static double lineSearch(Objective objective, double[] point, double value, double slope,
                                     double[] direction, double limit, double[] trialPoint, double[] trialGradient,
                                     double[] trialValue) {
        double low = 0;
        double high = Double.POSITIVE_INFINITY;
        double step = Math.min(1, limit);
        for (int k = 0; k < LINE_SEARCH_STEPS; k++) {
            move(point, direction, step, trialPoint);
            double trial = objective.evaluate(trialPoint, trialGradient);
            double trialSlope = dot(trialGradient, direction);
            boolean finite = Double.isFinite(trial) && allFinite(trialGradient);
            boolean armijo = finite && trial <= value + ARMIJO * step * slope;
            boolean approximateArmijo = finite && trial <= value + APPROXIMATE_ARMIJO_SLACK * Math.abs(value)
                    && trialSlope <= (1 - 2 * ARMIJO) * -slope;
            if (!armijo && !approximateArmijo) {
                high = step;
            } else if (trialSlope < CURVATURE * slope && step < limit) {
                low = step;
            } else {
                trialValue[0] = trial;
                return step;
            }
            step = Double.isInfinite(high) ? Math.min(2 * low, limit) : 0.5 * (low + high);
        }
        if (low > 0) {
            move(point, direction, low, trialPoint);
            trialValue[0] = objective.evaluate(trialPoint, trialGradient);
        }
        return low;
    }

    private static void updateInverseHessian(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1 / sy;
        double[] hy = times(h, y, 1);
        double yhy = dot(y, hy);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    private static void move(double[] point, double[] direction, double step, double[] out) {
        for (int i = 0; i < point.length; i++) {
            out[i] = point[i] + step * direction[i];
        }
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static boolean isIdentity(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (m[i][j] != (i == j ? 1 : 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[] times(double[][] m, double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = factor * dot(m[i], v);
        }
        return out;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }

    static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double e : v) {
            max = Math.max(max, Math.abs(e));
        }
        return max;
    }

    private static boolean allFinite(double[] v) {
        for (double e : v) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }
}
