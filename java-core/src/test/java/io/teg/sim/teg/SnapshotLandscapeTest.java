package io.teg.sim.teg;

import io.teg.agent.Landscape;
import io.teg.field.FieldSamples;
import io.teg.field.FieldSnapshot;
import io.teg.field.SparseGpRegression;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SnapshotLandscapeTest {

    private static FieldSnapshot fit(long epoch, double slopeX, double slopeY) {
        int n = 49;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 7) * 2.0;
            y[i] = (i / 7) * 2.0;
            v[i] = slopeX * x[i] + slopeY * y[i] + 0.1 * Math.sin(x[i] * y[i]);
        }
        return new SparseGpRegression(16).fit(epoch, new FieldSamples(x, y, v));
    }

    @Test
    void shouldReportThePredictedPotentialAndItsGradientWhenProbed() {
        FieldSnapshot phi = fit(1, 0.5, -0.2);
        SnapshotLandscape landscape = new SnapshotLandscape(phi, null, 60, 1.0);
        double[] out = new double[Landscape.PROBE_LENGTH];
        double[] gradient = new double[2];

        landscape.probe(5.0, 3.0, out);

        assertThat(out[Landscape.PHI]).isEqualTo(phi.predictValueAndGradient(5.0, 3.0, 60, gradient));
        assertThat(out[Landscape.GRAD_X]).isEqualTo(gradient[0]);
        assertThat(out[Landscape.GRAD_Y]).isEqualTo(gradient[1]);
        assertThat(out[Landscape.GRAD_X]).as("the fitted slope along x").isCloseTo(0.5, within(0.2));
        assertThat(out[Landscape.B_Z]).as("no heat snapshot: no magnetic field").isZero();
    }

    @Test
    void shouldTakeBzFromTheHeatGradientsDifferenceWhenAHeatSnapshotIsGiven() {
        FieldSnapshot phi = fit(1, 0.5, -0.2);
        FieldSnapshot heat = fit(1, 0.3, 0.1);
        SnapshotLandscape landscape = new SnapshotLandscape(phi, heat, 0, 2.0);
        double[] out = new double[Landscape.PROBE_LENGTH];
        double[] g = new double[2];

        landscape.probe(6.0, 6.0, out);
        heat.valueAndGradient(6.0, 6.0, g);

        assertThat(out[Landscape.B_Z]).isEqualTo(2.0 * (g[0] - g[1]));
        assertThat(out[Landscape.B_Z]).as("2 x (0.3 - 0.1)").isCloseTo(0.4, within(0.2));
    }
}
