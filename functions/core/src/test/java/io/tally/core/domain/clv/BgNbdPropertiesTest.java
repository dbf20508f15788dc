package io.tally.core.domain.clv;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants over the whole parameter and history range a fit can produce: r, a, b in [0.01, 50], alpha in
 * [0.01, 1000] time units, up to 1,000 repeat purchases, observation periods up to 520 (ten years in weeks).
 */
class BgNbdPropertiesTest {

    @Property(tries = 2_000)
    void givenAnyParametersAndHistory_whenTakingProbabilityAlive_thenWithinZeroAndOne(
            @ForAll("parameters") BgNbdParameters parameters, @ForAll("histories") CustomerSummary customer) {
        double alive = new BgNbdModel(parameters).probabilityAlive(customer);

        assertThat(alive).isBetween(0.0, 1.0);
    }

    @Property(tries = 2_000)
    void givenAnyParametersAndHistory_whenExtendingTheHorizon_thenExpectedPurchasesAreFiniteAndNonDecreasing(
            @ForAll("parameters") BgNbdParameters parameters, @ForAll("histories") CustomerSummary customer,
            @ForAll @DoubleRange(min = 0, max = 520) double horizon,
            @ForAll @DoubleRange(min = 0, max = 520) double extension) {
        BgNbdModel model = new BgNbdModel(parameters);

        double shorter = model.expectedPurchases(customer, horizon);
        double longer = model.expectedPurchases(customer, horizon + extension);

        assertThat(shorter).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(longer).isFinite().isGreaterThanOrEqualTo(shorter * (1 - 1e-9));
    }

    @Property(tries = 500)
    void givenAnyParametersAndHistory_whenTakingTheLogLikelihood_thenFiniteAndNonPositiveForNoPurchases(
            @ForAll("parameters") BgNbdParameters parameters, @ForAll("histories") CustomerSummary customer) {
        double logLikelihood = new BgNbdModel(parameters).logLikelihood(customer);

        assertThat(logLikelihood).isFinite();
        if (customer.x() == 0) {
            assertThat(logLikelihood).isLessThanOrEqualTo(0);
        }
    }

    @Property(tries = 500)
    void givenAnyModelsAndHistory_whenValuing_thenFiniteNonNegativeAndAtMostUndiscounted(
            @ForAll("parameters") BgNbdParameters parameters, @ForAll("histories") CustomerSummary customer,
            @ForAll @DoubleRange(min = 0, max = 1e4) double meanSpend,
            @ForAll @IntRange(min = 1, max = 120) int months) {
        BgNbdModel purchases = new BgNbdModel(parameters);
        GammaGammaModel spend = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));

        CustomerValue value = new ClvCalculator(purchases, spend, new ClvHorizon(months, 0.01, 4.348))
                .value(customer, meanSpend);

        assertThat(value.discountedValue()).isFinite().isGreaterThanOrEqualTo(0)
                .isLessThanOrEqualTo(value.expectedPurchases() * value.expectedSpend() * (1 + 1e-12));
    }

    @Provide
    Arbitrary<BgNbdParameters> parameters() {
        Arbitrary<Double> shape = Arbitraries.doubles().between(0.01, 50);
        return Combinators.combine(shape, Arbitraries.doubles().between(0.01, 1000), shape, shape)
                .as(BgNbdParameters::new);
    }

    @Provide
    Arbitrary<CustomerSummary> histories() {
        Arbitrary<Integer> x = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 1000));
        Arbitrary<Double> t = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 520));
        Arbitrary<Double> share = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.just(1.0),
                Arbitraries.doubles().between(0, 1));
        return Combinators.combine(x, t, share).as((purchases, length, recency) ->
                new CustomerSummary(purchases, purchases == 0 ? 0 : Math.min(length, recency * length), length));
    }
}
