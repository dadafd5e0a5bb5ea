package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class DepressedCubicTest {

    @Test
    void shouldFindThreeRootsInAscendingOrderWhenTheDiscriminantIsNegative() {
        // (t + 3)(t − 1)(t − 2) = t³ − 7t + 6
        DepressedCubic cubic = new DepressedCubic(-7, 6);

        assertThat(cubic.discriminant()).isNegative();
        assertThat(cubic.realRoots()).containsExactly(new double[] {-3, 1, 2}, within(1e-12));
    }

    @Test
    void shouldFindTheSingleRootByCardanoWhenPIsNegativeAndTheDiscriminantPositive() {
        // (t − 2)(t² + 2t + 2) = t³ − 2t − 4
        DepressedCubic cubic = new DepressedCubic(-2, -4);

        assertThat(cubic.discriminant()).isPositive();
        assertThat(cubic.realRoots()).containsExactly(new double[] {2}, within(1e-14));
    }

    @Test
    void shouldFindTheSingleRootWhenPIsPositive() {
        // (t − 1)(t² + t + 2) = t³ + t − 2
        assertThat(new DepressedCubic(1, -2).realRoots()).containsExactly(new double[] {1}, within(1e-14));
    }

    @Test
    void shouldKeepFullRelativePrecisionWhenTheRootIsTinyAndPPositive() {
        double root = new DepressedCubic(1, 1e-12).realRoots()[0];

        assertThat(root).isCloseTo(-1e-12, within(1e-24));
    }

    @Test
    void shouldSolvePureCubeWhenPIsZero() {
        assertThat(new DepressedCubic(0, -27).realRoots()).containsExactly(new double[] {3}, within(1e-14));
    }

    @Test
    void shouldReturnZeroWhenBothCoefficientsVanish() {
        assertThat(new DepressedCubic(0, 0).realRoots()).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void shouldNotOverflowWhenCoefficientsAreHuge() {
        // roots −3e100, 1e100, 2e100
        double[] roots = new DepressedCubic(-7e200, 6e300).realRoots();

        assertThat(roots).hasSize(3);
        assertThat(roots[0] / 1e100).isCloseTo(-3, within(1e-12));
        assertThat(roots[1] / 1e100).isCloseTo(1, within(1e-12));
        assertThat(roots[2] / 1e100).isCloseTo(2, within(1e-12));
    }

    @Test
    void shouldRejectNonFiniteCoefficients() {
        assertThatThrownBy(() -> new DepressedCubic(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 2000)
    void everyReturnedRootShouldSatisfyTheCubic(@ForAll @DoubleRange(min = -1e3, max = 1e3) double p,
                                                @ForAll @DoubleRange(min = -1e3, max = 1e3) double q) {
        DepressedCubic cubic = new DepressedCubic(p, q);
        // The cubic's natural scale: roots are O(s), terms O(s³).
        double s = Math.max(Math.sqrt(Math.abs(p)), Math.cbrt(Math.abs(q)));
        for (double t : cubic.realRoots())
            assertThat(Math.abs(cubic.value(t))).isLessThanOrEqualTo(1e-13 * s * s * s + 1e-300);
        double disc = cubic.discriminant();
        double discScale = q * q / 4 + Math.abs(p * p * p) / 27;
        if (Math.abs(disc) > 1e-9 * discScale) assertThat(cubic.realRoots()).hasSize(disc > 0 ? 1 : 3);
    }
}
