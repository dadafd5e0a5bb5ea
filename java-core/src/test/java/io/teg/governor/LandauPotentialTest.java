package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class LandauPotentialTest {

    @Test
    void shouldPickTheDeeperOuterWellWhenThreeStationaryPointsExist() {
        // c = −4, b = 1, H = 0.5: wells near ±2, tilted towards +.
        LandauPotential f = new LandauPotential(-4, 1, 0.5);

        double[] points = f.stationaryPoints();
        double min = f.globalMinimiser();

        assertThat(points).hasSize(3);
        assertThat(min).isEqualTo(points[2]);
        assertThat(f.value(points[2])).isLessThan(f.value(points[0]));
        assertThat(f.value(points[1])).isGreaterThan(f.value(points[0]));
        assertThat(f.derivative(min)).isCloseTo(0, within(1e-12));
    }

    @Test
    void shouldPickTheNegativeWellWhenTheFieldIsNegative() {
        LandauPotential f = new LandauPotential(-4, 1, -0.5);

        double min = f.globalMinimiser();

        assertThat(min).isNegative();
        assertThat(f.value(min)).isLessThan(f.value(f.stationaryPoints()[2]));
    }

    @Test
    void shouldReturnZeroWhenNeitherFieldNorNegativeCurvature() {
        assertThat(new LandauPotential(3, 2, 0).globalMinimiser()).isZero();
    }

    @Test
    void shouldReturnThePositiveWellWhenTheWellsTie() {
        assertThat(new LandauPotential(-1, 1, 0).globalMinimiser()).isCloseTo(1, within(1e-14));
    }

    /**
     * The closed-form minimiser against a brute-force search of F over a fine grid covering every stationary point
     * (Fujiwara's bound 2·max(√|p|, ∛(|q|/2)) on the roots of F′), refined once around the best grid point.
     */
    @Property(tries = 400)
    void closedFormMinimiserShouldBeAtLeastAsLowAsAFineGridSearch(
            @ForAll @DoubleRange(min = 0.01, max = 10) double a,
            @ForAll @DoubleRange(min = 0.01, max = 10) double b,
            @ForAll @DoubleRange(min = -10, max = 10) double h,
            @ForAll @DoubleRange(min = 0, max = 20) double re,
            @ForAll @DoubleRange(min = 0.1, max = 10) double reCritical) {
        LandauPotential f = new LandauPotential(a * (re - reCritical), b, h);
        double p = f.quadratic() / b, q = -h / b;
        double radius = 1.1 * 2 * Math.max(Math.sqrt(Math.abs(p)), Math.cbrt(Math.abs(q) / 2)) + 1e-6;

        double best = gridMinimiser(f, -radius, radius, 20_000);
        double step = 2 * radius / 20_000;
        best = gridMinimiser(f, best - 2 * step, best + 2 * step, 20_000);

        double closedForm = f.globalMinimiser();
        double tolerance = 1e-10 * (1 + Math.abs(f.value(best)));
        assertThat(f.value(closedForm)).isLessThanOrEqualTo(f.value(best) + tolerance);
        if (h != 0) assertThat(Math.signum(closedForm)).isEqualTo(Math.signum(h));
    }

    private static double gridMinimiser(LandauPotential f, double from, double to, int intervals) {
        double best = from, bestValue = f.value(from);
        for (int i = 1; i <= intervals; i++) {
            double g = from + (to - from) * i / intervals;
            double v = f.value(g);
            if (v < bestValue) {
                bestValue = v;
                best = g;
            }
        }
        return best;
    }
}
