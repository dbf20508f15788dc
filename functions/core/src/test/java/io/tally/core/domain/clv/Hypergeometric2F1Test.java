package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

/** Reference values: mpmath 1.3 {@code hyp2f1} at 60 significant digits, rounded to 20. */
class Hypergeometric2F1Test {

    @ParameterizedTest
    @ValueSource(doubles = {-50, -5, -0.5, 1e-8, 0.1, 0.5, 0.9, 0.95, 0.999, 0.999999, 1 - 1e-12})
    void givenOneOneTwo_whenEvaluating_thenEqualsMinusLogOfOneMinusZOverZ(double z) {
        double value = Hypergeometric2F1.value(1, 1, 2, z);

        assertThat(value).isCloseTo(-Math.log1p(-z) / z, withinPercentage(1e-8));
    }

    @ParameterizedTest
    @CsvSource({"0.3, 2.5, -3", "0.3, 2.5, 0.5", "1.7, 0.4, 0.93", "-2.5, 3, 0.99", "12.5, 7, 0.9999",
            "0.25, -1.5, 0.999999"})
    void givenCEqualToB_whenEvaluating_thenEqualsOneMinusZToTheMinusA(double a, double b, double z) {
        double value = Hypergeometric2F1.value(a, b, b, z);

        assertThat(value).isCloseTo(Math.pow(1 - z, -a), withinPercentage(1e-8));
    }

    /** z up to 0.9 and beyond where the series still converges quickly. */
    @ParameterizedTest
    @CsvSource({
        "0.5, 0.5, 1.5, 0.3, 1.0582725367454619441",
        "2.5, 1.3, 4.1, 0.85, 3.3212424843202701985",
        "2.5, 1.3, 4.1, 0.95, 5.1798368853889384989",
        "2.5, 1.3, 4.1, 0.999, 10.547442528860400689",
        "0.3, -0.4, 2.0, 0.97, 0.93011248401148638486",
        "-0.21, -0.2, 1000.5, 0.99, 1.0000415722160987732",
        "1.5, -0.2, 3.0, 0.9999, 0.84599619377481904328",
        "1.0, 1.0, 3.0, 0.95, 1.7733260638721338329",
        "2.0, 3.0, 5.0, 0.995, 35.031142147874106152",
        "0.7, 1.2, 0.4, 0.5, 3.7020881169333390028",
        "0.7, 1.2, -0.6, 0.5, -7.0598180651949904518",
        "1.25, 2.5, 3.0, -0.6, 0.60782800469154910178",
        "1.25, 2.5, 3.0, -20.0, 0.031278814430442619368",
        "5.0, 5.0, 1.0, 0.5, 10272.0",
        "10.0, -3.0, 2.5, 0.99, -6.4443474285714282526",
        "0.2431, 2.4256, 2.2185, 0.93, 2.1870392403304112115",
        "50.0, 40.0, 100.0, 0.92, 184058767917611.46369",
        "-2.5, 3.5, 1.25, 0.96, 0.22813982560266233868",
    })
    void givenSeriesRegion_whenEvaluating_thenMatchesReferenceTo1e12(double a, double b, double c, double z,
                                                                    double expected) {
        assertThat(Hypergeometric2F1.value(a, b, c, z)).isCloseTo(expected, withinPercentage(1e-10));
    }

    /** z so close to 1 that the series needs more than 20,000 terms: the connection formula to 1 - z. */
    @ParameterizedTest
    @CsvSource({
        "0.5, 0.7, 2.3, 0.99999, 1.3337164011585141699",
        "2.5, 1.3, 4.1, 0.99999, 12.824647679858773831",
        "0.97, -0.2, 1.2, 0.99999, 0.54247429031855800042",
        "0.3, 0.3, 0.5, 0.99999, 5.0595318847166384857",
        "-0.5, 1.5, 3.0, 0.99999, 0.67906618314240132018",
        "1.5, 2.5, 7.0, 0.9999999, 2.3651647153685643202",
        // c - a - b within 5e-5 of an integer (Richardson-extrapolated) and just outside
        "1.2, 0.8, 2.00003, 0.99999, 10.861928900553651749",
        "1.2, 0.8, 2.0002, 0.99999, 10.85296056699049158",
        "0.75, 0.25, 1.0, 0.999999, 4.0456605849592981624",
        "1.0, 0.5, 1.5, 0.9999999, 8.7521954189120638586",
    })
    void givenZNearOne_whenEvaluating_thenMatchesReferenceTo1e11(double a, double b, double c, double z,
                                                                double expected) {
        assertThat(Hypergeometric2F1.value(a, b, c, z)).isCloseTo(expected, withinPercentage(1e-9));
    }

    @Test
    void givenSeriesWhoseTermsCancel_whenEvaluating_thenEulerFormKeepsFullAccuracy() {
        // 2F1(-2.5, 3; 3; 0.99) = 0.01^2.5: the direct series sums terms of order 1 to 1e-5
        assertThat(Hypergeometric2F1.value(-2.5, 3, 3, 0.99)).isCloseTo(1e-5, withinPercentage(1e-10));
        assertThat(Hypergeometric2F1.excessOverB(-40.5, 0.3, 0.7, 0.95))
                .isCloseTo((Hypergeometric2F1.value(-40.5, 0.3, 0.7, 0.95) - 1) / 0.3, withinPercentage(1e-10));
    }

    @Test
    void givenZEqualToOne_whenConvergent_thenEqualsGaussSum() {
        // Gamma(4) Gamma(1.5) / (Gamma(3.5) Gamma(2)) = 6 / 3.75 = 1.6
        assertThat(Hypergeometric2F1.value(0.5, 2, 4, 1)).isCloseTo(1.6, withinPercentage(1e-12));
    }

    @Test
    void givenZEqualToOne_whenDivergent_thenRejected() {
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenNonPositiveIntegerA_whenEvaluating_thenIsThePolynomialForAnyZ() {
        double b = 1.5;
        double c = 2.5;
        for (double z : new double[] {-30, 0.3, 0.97, 1}) {
            double polynomial = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));

            assertThat(Hypergeometric2F1.value(-2, b, c, z)).isCloseTo(polynomial, withinPercentage(1e-12));
        }
    }

    @Test
    void givenValueBeyondDoubleRange_whenTakingLogAbsValue_thenIsFinite() {
        assertThat(Hypergeometric2F1.value(200, 300, 10, 0.8)).isInfinite();
        assertThat(Hypergeometric2F1.logAbsValue(200, 300, 10, 0.8))
                .isCloseTo(1052.9288414344027638, withinPercentage(1e-12));
    }

    @Test
    void givenInvalidArguments_whenEvaluating_thenRejected() {
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, -2, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.value(1, 1, 2, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric2F1.value(Double.NaN, 1, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenTerminatingNumeratorBeforeNonPositiveC_whenEvaluating_thenIsThePolynomial() {
        // 2F1(-1, b; -3; z) = 1 + b z / 3
        assertThat(Hypergeometric2F1.value(-1, 2, -3, 0.6)).isCloseTo(1.4, withinPercentage(1e-12));
    }

    /** (2F1(a, b; c; z) - 1) / b, references from mpmath (b = 0: the derivative in b). */
    @ParameterizedTest
    @CsvSource({
        "0.97, 0.0, 1.2, 0.5, 0.53898286229871532867",
        "0.97, 1e-9, 1.2, 0.5, 0.53898286246357816308",
        "0.97, -0.2, 1.2, 1e-6, 8.0833362286379756706e-7",
        "0.97, -0.2, 1.2, 0.99999, 2.2876285484072098709",
        "0.97, 1e-9, 1.2, 0.99999, 3.9774877148651573228",
        "0.97, 0.0, 1.2, 0.99999, 3.9774877012733080288",
        "0.97, -0.2, 1000.2, 0.99999, 0.00097056097760728759956",
    })
    void givenParameterBNearZero_whenTakingExcessOverB_thenFiniteAndMatchesReference(double a, double b, double c,
                                                                                    double z, double expected) {
        assertThat(Hypergeometric2F1.excessOverB(a, b, c, z)).isCloseTo(expected, withinPercentage(1e-9));
    }

    @Test
    void givenNegativeArguments_whenTakingLogAbsGammaAndSign_thenMatchReflection() {
        // Gamma(-0.5) = -2 sqrt(pi), Gamma(-1.5) = 4 sqrt(pi) / 3
        assertThat(Hypergeometric2F1.signGamma(-0.5)).isEqualTo(-1);
        assertThat(Math.exp(Hypergeometric2F1.logAbsGamma(-0.5))).isCloseTo(2 * Math.sqrt(Math.PI),
                withinPercentage(1e-12));
        assertThat(Hypergeometric2F1.signGamma(-1.5)).isEqualTo(1);
        assertThat(Math.exp(Hypergeometric2F1.logAbsGamma(-1.5))).isCloseTo(4 * Math.sqrt(Math.PI) / 3,
                withinPercentage(1e-12));
    }
}
