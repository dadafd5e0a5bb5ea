package io.teg.field;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DTC system at hyperparameters where its arithmetic breaks down. */
class DtcSystemTest {

    /**
     * Inducing points 1 mm apart at a 100 m length scale make K_E nearly singular; the rounding error of
     * C = L⁻¹EEᵀL⁻ᵀ then outweighs the identity in A = I + s·C at s = 1e6, the search's upper bound.
     */
    private static DtcSystem illConditioned() {
        Random random = new Random(3);
        int n = 400;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() * 0.02;
            y[i] = random.nextDouble() * 0.02;
            v[i] = random.nextGaussian() * 100.0;
        }
        int m = 16;
        double[] zx = new double[m];
        double[] zy = new double[m];
        for (int a = 0; a < m; a++) {
            zx[a] = 0.001 * (a % 4);
            zy[a] = 0.001 * (a / 4);
        }
        return DtcSystem.build(x, y, v, zx, zy, 100.0, 1e-10);
    }

    @Test
    void shouldReportNoSolutionWhenTheSystemIsNotNumericallyPositiveDefinite() {
        DtcSystem system = illConditioned();

        assertThatThrownBy(() -> system.solve(1e6)).isInstanceOf(ArithmeticException.class);
        assertThat(system.trySolve(1e6)).isEmpty();
    }

    @Test
    void shouldSolveWhenTheSignalToNoiseRatioIsSmall() {
        assertThat(illConditioned().trySolve(1e-4)).isPresent();
    }
}
