package io.teg.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SquaredExponentialKernelTest {

    private final SquaredExponentialKernel kernel = new SquaredExponentialKernel(2.5, 1.5);

    @Test
    void shouldEqualSignalVarianceWhenPointsCoincide() {
        assertThat(kernel.value(3, 4, 3, 4)).isEqualTo(2.5);
    }

    @Test
    void shouldFallToExpMinusHalfWhenOneLengthScaleApart() {
        assertThat(kernel.value(0, 0, 0.9, 1.2)).isCloseTo(2.5 * Math.exp(-0.5), within(1e-15));
        assertThat(kernel.value(0.9, 1.2, 0, 0)).isEqualTo(kernel.value(0, 0, 0.9, 1.2));
    }

    @Test
    void shouldMatchFiniteDifferencesWhenDifferentiatingAlongXAndY() {
        double h = 1e-6;
        double fdx = (kernel.value(1 + h, 2, 2.2, 1.1) - kernel.value(1 - h, 2, 2.2, 1.1)) / (2 * h);
        double fdy = (kernel.value(1, 2 + h, 2.2, 1.1) - kernel.value(1, 2 - h, 2.2, 1.1)) / (2 * h);
        assertThat(kernel.derivativeX(1, 2, 2.2, 1.1)).isCloseTo(fdx, within(1e-8));
        assertThat(kernel.derivativeY(1, 2, 2.2, 1.1)).isCloseTo(fdy, within(1e-8));
    }

    @Test
    void shouldRejectKernelWhenParametersAreNotPositive() {
        assertThatThrownBy(() -> new SquaredExponentialKernel(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signalVariance");
        assertThatThrownBy(() -> new SquaredExponentialKernel(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lengthScaleM");
        assertThatThrownBy(() -> new Hyperparameters(1, 1, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noiseVariance");
        assertThatThrownBy(() -> new Hyperparameters(1, Double.POSITIVE_INFINITY, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lengthScaleM");
    }

    @Test
    void shouldExposeKernelAndRatioWhenBuiltFromHyperparameters() {
        Hyperparameters h = new Hyperparameters(2.5, 1.5, 0.05);
        assertThat(h.kernel()).isEqualTo(kernel);
        assertThat(h.signalToNoise()).isCloseTo(50.0, within(1e-12));
    }
}
