package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuasiNewtonMinimizerTest {

    private static final QuasiNewtonMinimizer.Objective ROSENBROCK = (p, g) -> {
        double u = 1 - p[0];
        double v = p[1] - p[0] * p[0];
        g[0] = -2 * u - 400 * p[0] * v;
        g[1] = 200 * v;
        return u * u + 100 * v * v;
    };

    @Test
    void givenRosenbrock_whenMinimizingFromTheClassicStart_thenReachesOneOne() {
        QuasiNewtonMinimizer minimizer = new QuasiNewtonMinimizer(500, 1e-10, 10);

        QuasiNewtonMinimizer.Result result = minimizer.minimize(ROSENBROCK, new double[] {-1.2, 1});

        assertThat(result.converged()).isTrue();
        assertThat(result.point()[0]).isCloseTo(1, within(1e-8));
        assertThat(result.point()[1]).isCloseTo(1, within(1e-8));
        assertThat(result.gradientNorm()).isLessThanOrEqualTo(1e-10);
    }

    @Test
    void givenTooFewIterations_whenMinimizing_thenReportsNotConvergedWithTheBestPointSoFar() {
        QuasiNewtonMinimizer minimizer = new QuasiNewtonMinimizer(3, 1e-10, 10);

        QuasiNewtonMinimizer.Result result = minimizer.minimize(ROSENBROCK, new double[] {-1.2, 1});

        assertThat(result.converged()).isFalse();
        assertThat(result.iterations()).isEqualTo(3);
        assertThat(result.value()).isLessThan(24.2);
    }

    @Test
    void givenObjectiveUndefinedBeyondABarrier_whenMinimizing_thenStepsBackAndConverges() {
        // -ln(1 - x) + x^2, undefined for x >= 1: minimum where 2x + 1/(1 - x) = 0, x = (1 - sqrt 3) / 2
        QuasiNewtonMinimizer.Objective barrier = (p, g) -> {
            g[0] = 2 * p[0] + 1 / (1 - p[0]);
            return p[0] < 1 ? -Math.log(1 - p[0]) + p[0] * p[0] : Double.NaN;
        };
        QuasiNewtonMinimizer minimizer = new QuasiNewtonMinimizer(100, 1e-12, 5);

        QuasiNewtonMinimizer.Result result = minimizer.minimize(barrier, new double[] {0.9});

        assertThat(result.converged()).isTrue();
        assertThat(result.point()[0]).isCloseTo((1 - Math.sqrt(3)) / 2, within(1e-10));
    }

    @Test
    void givenStepLimit_whenFarFromTheMinimum_thenNoCoordinateMovesMoreThanTheLimitPerIteration() {
        QuasiNewtonMinimizer.Objective quadratic = (p, g) -> {
            g[0] = 2 * (p[0] - 100);
            return (p[0] - 100) * (p[0] - 100);
        };

        QuasiNewtonMinimizer.Result oneStep = new QuasiNewtonMinimizer(1, 1e-12, 2).minimize(quadratic,
                new double[] {0});

        assertThat(oneStep.point()[0]).isCloseTo(2, within(1e-12));
    }
}
