package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ReynoldsEstimateTest {

    @Test
    void shouldAssumeRestAndABalancedDriveWithoutHistory() {
        ReynoldsEstimate estimate = ReynoldsEstimate.steady(0.4);

        assertThat(estimate.ratePerSecond()).isZero();
        assertThat(estimate.drive()).isEqualTo(0.4);
        assertThat(estimate.samples()).isZero();
    }

    @Test
    void shouldRecoverAConstantAccelerationExactly() {
        // m = 1, f = 1, γ = 0, at rest at t = 0: Re = t²/2; mean rates 0.5 over [0,1] and 1.5 over [1,2].
        ReynoldsEstimate estimate = ReynoldsEstimate.fromRates(1, 0.5, 1, 0, 1.5, 1, 0);

        assertThat(estimate.drive()).isCloseTo(1, within(1e-15));
        assertThat(estimate.ratePerSecond()).isCloseTo(2, within(1e-15));
    }

    /** Two epochs of the model m·R̈e = f − γ with different γ and lengths, then recover f and Ṙe at the end. */
    @Property(tries = 1000)
    void shouldRecoverDriveAndRateOfTheModelFromTwoMeanRates(
            @ForAll @DoubleRange(min = 10, max = 1e4) double inertia,
            @ForAll @DoubleRange(min = -1, max = 2) double drive,
            @ForAll @DoubleRange(min = -0.1, max = 0.1) double rate0,
            @ForAll @DoubleRange(min = -1, max = 2) double gamma1,
            @ForAll @DoubleRange(min = -1, max = 2) double gamma2,
            @ForAll @DoubleRange(min = 1, max = 300) double t1,
            @ForAll @DoubleRange(min = 1, max = 300) double t2) {
        BarrierState s0 = new BarrierState(5, rate0, 10, inertia, drive);
        BarrierState s1 = s0.advance(gamma1, t1);
        BarrierState s2 = s1.advance(gamma2, t2);

        ReynoldsEstimate estimate = ReynoldsEstimate.fromRates(inertia, (s1.value() - s0.value()) / t1, t1, gamma1,
                (s2.value() - s1.value()) / t2, t2, gamma2);

        assertThat(estimate.drive()).isCloseTo(drive, within(1e-6));
        assertThat(estimate.ratePerSecond()).isCloseTo(s2.ratePerSecond(), within(1e-9));
    }
}
