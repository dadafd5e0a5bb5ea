package io.teg.sim.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EstimateTest {

    @Test
    void shouldGiveMeanAndStudentTHalfWidthWhenFourRuns() {
        // s = sqrt(5/3), t(0.975, 3) = 3.182446, half-width = t * s / sqrt(4)
        Estimate e = Estimate.of(1, 2, 3, 4);

        assertThat(e.mean()).isEqualTo(2.5);
        assertThat(e.ci95()).isCloseTo(2.0542602567605206, within(1e-6));
    }

    @Test
    void shouldGiveVeryWideIntervalWhenOnlyTwoRuns() {
        // t(0.975, 1) = 12.7062, s = sqrt(50)
        Estimate e = Estimate.of(10, 20);

        assertThat(e.mean()).isEqualTo(15.0);
        assertThat(e.ci95()).isCloseTo(63.53102368087347, within(1e-5));
    }

    @Test
    void shouldGiveZeroHalfWidthWhenOneRun() {
        Estimate e = Estimate.of(42.5);

        assertThat(e.mean()).isEqualTo(42.5);
        assertThat(e.ci95()).isZero();
    }

    @Test
    void shouldGiveExactValueWithoutSpreadWhenAllRunsAgree() {
        // 0.1 * 3 / 3 is not 0.1 in binary floating point: the estimate must not leak that residue
        Estimate e = Estimate.of(0.1, 0.1, 0.1);

        assertThat(e.mean()).isEqualTo(0.1);
        assertThat(e.ci95()).isZero();
    }

    @Test
    void shouldRejectEstimateWhenNoRunOrValueNotFinite() {
        assertThatThrownBy(Estimate::of).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Estimate.of(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new Estimate(1, -0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
