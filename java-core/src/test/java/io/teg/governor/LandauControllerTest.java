package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class LandauControllerTest {

    private final LandauController controller = new LandauController(0.1, 1.0, 1.0, 0.1, -1.0, 2.0);

    @Test
    void shouldSubsidiseJustBelowTheCriticalReynoldsNumber() {
        assertThat(controller.gamma(1.0 - 1e-6)).isNegative();
    }

    @Test
    void shouldTaxJustAboveTheCriticalReynoldsNumber() {
        assertThat(controller.gamma(1.0 + 1e-6)).isPositive();
    }

    @Test
    void shouldBeNeutralAtTheCriticalReynoldsNumber() {
        assertThat(controller.gamma(1.0)).isZero();
    }

    @Test
    void shouldJumpSteeplyAboveCriticalLikeACubeRoot() {
        double offset = 1e-6;

        // b·γ³ ≈ h·(Re − Re_c) near Re_c
        assertThat(controller.gamma(1.0 + offset)).isCloseTo(Math.cbrt(0.1 * offset / 1.0), within(1e-5));
    }

    @Test
    void shouldSubsidiseInColdStasisWhereReIsZero() {
        double gamma = controller.gamma(0.0);

        assertThat(gamma).isNegative();
        assertThat(controller.potential(0.0).derivative(gamma)).isCloseTo(0, within(1e-12));
    }

    @Test
    void shouldApproachFieldGainOverAWhenReIsInfinite() {
        assertThat(controller.gamma(Double.POSITIVE_INFINITY)).isCloseTo(1.0, within(1e-15));
        assertThat(controller.gamma(1e9)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void shouldClampToGammaMinWhenTheSubsidyWouldBeLarger() {
        LandauController tight = new LandauController(10, 1, 5, 1, -0.5, 2);

        assertThat(tight.unclampedGamma(0)).isLessThan(-0.5);
        assertThat(tight.gamma(0)).isEqualTo(-0.5);
    }

    @Test
    void shouldClampToGammaMaxWhenTheTaxWouldBeLarger() {
        LandauController strong = new LandauController(0.1, 1, 1, 1, -1, 2);

        assertThat(strong.unclampedGamma(1e6)).isGreaterThan(2);
        assertThat(strong.gamma(1e6)).isEqualTo(2);
    }

    @Test
    void shouldUseAFieldProportionalToTheDistanceFromCritical() {
        assertThat(controller.field(3.0)).isCloseTo(0.2, within(1e-15));
        assertThat(controller.field(0.0)).isCloseTo(-0.1, within(1e-15));
    }

    @Test
    void shouldNameTheKeyAndRangeWhenACoefficientIsInvalid() {
        assertThatThrownBy(() -> new LandauController(0, 1, 1, 1, -1, 1))
                .hasMessage("governor.landauA must be in (0, +inf), got 0.0");
        assertThatThrownBy(() -> new LandauController(1, 1, -1, 1, -1, 1))
                .hasMessage("governor.reCritical must be in (0, +inf), got -1.0");
        assertThatThrownBy(() -> new LandauController(1, 1, 1, 1, 0, 1))
                .hasMessage("governor.gammaMin must be in (-inf, 0), got 0.0");
    }

    @Property(tries = 500)
    void gammaShouldHaveTheSignOfReMinusCritical(@ForAll @DoubleRange(min = 0.01, max = 10) double a,
                                                 @ForAll @DoubleRange(min = 0.01, max = 10) double b,
                                                 @ForAll @DoubleRange(min = 0.01, max = 10) double h,
                                                 @ForAll @DoubleRange(min = 0.1, max = 10) double reCritical,
                                                 @ForAll @DoubleRange(min = 0, max = 30) double re) {
        LandauController c = new LandauController(a, b, reCritical, h, -1e6, 1e6);

        assertThat(Math.signum(c.unclampedGamma(re))).isEqualTo(Math.signum(re - reCritical));
    }

    @Property(tries = 500)
    void gammaShouldRiseWithRe(@ForAll @DoubleRange(min = 0.01, max = 10) double a,
                               @ForAll @DoubleRange(min = 0.01, max = 10) double b,
                               @ForAll @DoubleRange(min = 0.01, max = 10) double h,
                               @ForAll @DoubleRange(min = 0, max = 30) double re,
                               @ForAll @Scale(4) @DoubleRange(min = 1e-3, max = 5) double increase) {
        LandauController c = new LandauController(a, b, 2.0, h, -1e6, 1e6);

        assertThat(c.unclampedGamma(re + increase)).isGreaterThan(c.unclampedGamma(re));
        assertThat(c.unclampedGamma(re + increase)).isLessThan(h / a);
    }
}
