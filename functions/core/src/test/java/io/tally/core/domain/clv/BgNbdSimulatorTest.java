package io.tally.core.domain.clv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class BgNbdSimulatorTest {

    private static final BgNbdParameters TRUE = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

    @Test
    void givenSameSeed_whenSimulating_thenSameCustomers() {
        BgNbdSimulator first = new BgNbdSimulator(TRUE, 7, 42);
        BgNbdSimulator second = new BgNbdSimulator(TRUE, 7, 42);

        for (int i = 0; i < 1_000; i++) {
            assertThat(first.next(39)).isEqualTo(second.next(39));
        }
    }

    @Test
    void givenDailyResolution_whenSimulating_thenRecencyIsOnTheDayGridAndWithinT() {
        BgNbdSimulator simulator = new BgNbdSimulator(TRUE, 7, 1);

        for (int i = 0; i < 10_000; i++) {
            double t = (273 - i % 84) / 7.0;
            CustomerSummary customer = simulator.next(t);

            assertThat(customer.tx()).isLessThanOrEqualTo(t);
            assertThat(customer.tx() * 7).isCloseTo(Math.rint(customer.tx() * 7), withinPercentage(1e-9));
        }
    }

    @Test
    void givenOneMillionSimulatedCustomers_whenFitting_thenRecoversTheTrueParameters() {
        // a CDNOW-like cohort: first purchases spread over 12 weeks, observed to week 39, recorded per day
        BgNbdSimulator simulator = new BgNbdSimulator(TRUE, 7, 20_240_601);
        SummaryCounts.Builder builder = SummaryCounts.builder();
        for (int i = 0; i < 1_000_000; i++) {
            builder.add(simulator.next((273 - i % 84) / 7.0));
        }
        SummaryCounts data = builder.build();

        BgNbdFit fit = BgNbdModel.fit(data);

        assertThat(data.size()).isLessThan(150_000);
        assertThat(fit.diagnostics().converged()).isTrue();
        // standard errors at n = 1e6, the CDNOW sample's (from the inverse Hessian) scaled by sqrt(2357 / 1e6):
        // 0.25 %, 0.42 %, 1.1 % and 1.4 % for r, alpha, a, b; the bounds are about 3.5 of them
        assertThat(fit.parameters().r()).isCloseTo(TRUE.r(), withinPercentage(1));
        assertThat(fit.parameters().alpha()).isCloseTo(TRUE.alpha(), withinPercentage(1.5));
        assertThat(fit.parameters().a()).isCloseTo(TRUE.a(), withinPercentage(4));
        assertThat(fit.parameters().b()).isCloseTo(TRUE.b(), withinPercentage(5));
    }
}
