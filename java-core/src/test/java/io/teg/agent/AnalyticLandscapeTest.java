package io.teg.agent;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnalyticLandscapeTest {

    private final AnalyticLandscape.GaussianWells wells = AnalyticLandscape.wells(
            new double[]{0, 3, -2}, new double[]{0, 1, 2}, new double[]{2, 1.5, -1}, new double[]{1.0, 0.7, 1.5})
            .withDepthRates(new double[]{0.01, -0.02, 0.005}).ahead(30).withUniformBz(0.25);

    @Test
    void shouldReportTheGradientOfItsOwnPotentialWhenProbed() {
        double[] out = new double[Landscape.PROBE_LENGTH];
        SplittableRandom random = new SplittableRandom(3);
        double step = 1e-6;
        for (int i = 0; i < 100; i++) {
            double x = random.nextDouble(-5, 5);
            double y = random.nextDouble(-5, 5);
            wells.probe(x, y, out);
            double dx = (wells.potential(x + step, y) - wells.potential(x - step, y)) / (2 * step);
            double dy = (wells.potential(x, y + step) - wells.potential(x, y - step)) / (2 * step);
            assertThat(out[Landscape.GRAD_X]).isCloseTo(dx, within(1e-6));
            assertThat(out[Landscape.GRAD_Y]).isCloseTo(dy, within(1e-6));
            assertThat(out[Landscape.B_Z]).isEqualTo(0.25);
        }
    }

    @Test
    void shouldBoundTheCurvatureEverywhereItIsSampled() {
        SplittableRandom random = new SplittableRandom(5);
        double e = 1e-4;
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 20_000; i++) {
            double x = random.nextDouble(-6, 6);
            double y = random.nextDouble(-6, 6);
            double c = wells.potential(x, y);
            double hxx = (wells.potential(x + e, y) - 2 * c + wells.potential(x - e, y)) / (e * e);
            double hyy = (wells.potential(x, y + e) - 2 * c + wells.potential(x, y - e)) / (e * e);
            double hxy = (wells.potential(x + e, y + e) - wells.potential(x + e, y - e)
                    - wells.potential(x - e, y + e) + wells.potential(x - e, y - e)) / (4 * e * e);
            double lambdaMax = 0.5 * (hxx + hyy) + Math.sqrt(0.25 * (hxx - hyy) * (hxx - hyy) + hxy * hxy);
            largest = Math.max(largest, lambdaMax);
        }
        assertThat(largest).isLessThanOrEqualTo(wells.curvatureBound());
        assertThat(largest).as("the bound is not absurdly loose").isGreaterThan(0.2 * wells.curvatureBound());
    }

    @Test
    void shouldPredictThePotentialAheadByItsTimeDerivative() {
        AnalyticLandscape.GaussianWells now = AnalyticLandscape.wells(new double[]{0}, new double[]{0},
                new double[]{1}, new double[]{1}).withDepthRates(new double[]{0.1});

        assertThat(now.potential(0, 0)).isEqualTo(-1.0);
        assertThat(now.ahead(5).potential(0, 0)).isCloseTo(-1.5, within(1e-15));
        assertThat(now.ahead(5).lookAheadS()).isEqualTo(5.0);
    }

    @Test
    void shouldPutTheBowlMinimumAtZeroAndTheCentre() {
        AnalyticLandscape.QuadraticBowl bowl = AnalyticLandscape.bowl(2, -1, 3);
        double[] out = new double[Landscape.PROBE_LENGTH];
        bowl.probe(2, -1, out);

        assertThat(out).containsExactly(0, 0, 0, 0);
        assertThat(bowl.potential(3, -1)).isEqualTo(1.5);
        assertThat(bowl.curvatureBound()).isEqualTo(3.0);
    }

    @Test
    void shouldRefuseWellsWithMismatchedArraysOrNonPositiveWidths() {
        assertThatThrownBy(() -> AnalyticLandscape.wells(new double[]{0, 1}, new double[]{0}, new double[]{1, 1},
                new double[]{1, 1})).hasMessageContaining("same length");
        assertThatThrownBy(() -> AnalyticLandscape.wells(new double[]{0}, new double[]{0}, new double[]{1},
                new double[]{0})).hasMessageContaining("width[0] must be > 0 m");
        assertThatThrownBy(() -> AnalyticLandscape.bowl(0, 0, -1)).hasMessageContaining("stiffness must be >= 0");
    }
}
