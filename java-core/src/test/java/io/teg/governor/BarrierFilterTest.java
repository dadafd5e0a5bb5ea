package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class BarrierFilterTest {

    private static final double RE_MAX = 10.0;
    private static final double GAMMA_MAX = 2.0;
    private static final double ALPHA = 0.01;
    private static final double EPOCH = 60.0;
    private static final double DRIVE_BOUND = 1.5;

    private final BarrierFilter filter = new BarrierFilter(GAMMA_MAX, ALPHA, DRIVE_BOUND);
    private final LandauController landau = new LandauController(0.1, 1.0, 1.0, 0.1, -1.0, GAMMA_MAX);

    @Test
    void shouldEqualEquation27WhenRisingWithoutPositiveDrive() {
        BarrierState state = new BarrierState(4.0, 0.05, RE_MAX, 1000, -0.2);

        assertThat(filter.barrier(state)).isCloseTo((10 - 4) - 0.5 * 1000 * 0.05 * 0.05 / GAMMA_MAX, within(1e-15));
    }

    @Test
    void shouldBeTheHeadroomWhenFalling() {
        assertThat(filter.barrier(new BarrierState(4.0, -0.05, RE_MAX, 1000, 0))).isEqualTo(6.0);
    }

    @Test
    void shouldBrakeWithWhatTheDriveLeavesWhenTheDriveIsPositive() {
        BarrierState state = new BarrierState(4.0, 0.05, RE_MAX, 1000, 0.5);

        assertThat(filter.brakingAuthority(state)).isEqualTo(1.5);
        assertThat(filter.barrier(state)).isCloseTo(6 - 0.5 * 1000 * 0.0025 / 1.5, within(1e-15));
    }

    @Test
    void shouldNetNoMoreThanTheDesignBoundOutOfTheAuthority() {
        BarrierState state = new BarrierState(4.0, 0.05, RE_MAX, 1000, 2.5);

        assertThat(filter.brakingAuthority(state)).isEqualTo(GAMMA_MAX - DRIVE_BOUND);
        assertThat(filter.barrier(state)).isCloseTo(6 - 0.5 * 1000 * 0.0025 / 0.5, within(1e-12));
    }

    @Test
    void shouldBeInfeasibleNearTheLimitWhenTheDriveExceedsTheDesignBound() {
        BarrierState state = new BarrierState(9.9, 0.01, RE_MAX, 1000, 2.5);

        assertThat(filter.bound(ConstraintKind.REYNOLDS_BARRIER, "re", state, EPOCH).feasible()).isFalse();
    }

    /**
     * A load that does not respond to γ at all, after an epoch at γ_max: its drive is read as γ_in_force. The capped
     * authority lets the filter relax γ epoch by epoch instead of holding γ_max for ever.
     */
    @Test
    void shouldReleaseGammaMaxWhenAFlatLoadDoesNotRespond() {
        double gammaInForce = GAMMA_MAX;
        for (int epoch = 0; epoch < 10; epoch++) {
            BarrierState flat = new BarrierState(0.7, 0.0, 1.0, 36_000, gammaInForce);
            gammaInForce = filter.bound(ConstraintKind.POWER_BARRIER, "row-0", flat, EPOCH).filter(0.3);
        }

        assertThat(gammaInForce).isEqualTo(0.3);
    }

    @Test
    void shouldMakeTheHocbfConditionTightAtTheInstantaneousLeastGamma() {
        BarrierState state = new BarrierState(6.0, 0.04, RE_MAX, 2000, 0.3);

        double least = filter.leastGammaInstantaneous(state);

        assertThat(filter.barrierRate(state, least) + ALPHA * filter.barrier(state)).isCloseTo(0, within(1e-12));
        assertThat(filter.barrierRate(state, least - 0.01) + ALPHA * filter.barrier(state)).isNegative();
    }

    @Test
    void shouldMeetTheDiscreteConditionExactlyAtTheSampledLeastGamma() {
        BarrierState state = new BarrierState(7.0, 0.01, RE_MAX, 2000, 0.8);

        double least = filter.leastGammaSampled(state, EPOCH);
        double after = filter.barrier(state.advance(least, EPOCH));

        assertThat(after).isCloseTo((1 - ALPHA * EPOCH) * filter.barrier(state), within(1e-9));
    }

    @Test
    void shouldStayOutOfTheWayWhenFarFromTheLimit() {
        BarrierState state = new BarrierState(1.0, 0.001, RE_MAX, 1000, 0.0);

        BarrierBound bound = filter.bound(ConstraintKind.REYNOLDS_BARRIER, "re", state, EPOCH);

        assertThat(bound.binds(-1.0)).isFalse();
        assertThat(bound.filter(-1.0)).isEqualTo(-1.0);
    }

    @Test
    void shouldCatchASlowStartThatTheInstantaneousConditionMisses() {
        // At rest just below the limit, a strong drive: eq. 28 at this instant does not involve γ at all.
        BarrierState state = new BarrierState(9.9, 0.0, RE_MAX, 1000, 1.0);

        assertThat(filter.leastGammaInstantaneous(state)).isEqualTo(Double.NEGATIVE_INFINITY);
        BarrierBound bound = filter.bound(ConstraintKind.REYNOLDS_BARRIER, "re", state, EPOCH);
        assertThat(bound.leastGamma()).isGreaterThan(0.9);
        assertThat(filter.barrier(state.advance(bound.filter(0.0), EPOCH))).isGreaterThanOrEqualTo(-1e-12);
    }

    @Test
    void shouldSaturateAtGammaMaxWhenAlreadyPastTheLimit() {
        BarrierState state = new BarrierState(10.5, 0.02, RE_MAX, 1000, 0.0);

        BarrierBound bound = filter.bound(ConstraintKind.REYNOLDS_BARRIER, "re", state, EPOCH);

        assertThat(bound.feasible()).isFalse();
        assertThat(bound.filter(0.3)).isEqualTo(GAMMA_MAX);
    }

    @Test
    void shouldSaturateWhenReIsInfinite() {
        BarrierBound bound = filter.bound(ConstraintKind.REYNOLDS_BARRIER, "re",
                new BarrierState(Double.POSITIVE_INFINITY, 0, RE_MAX, 1000, 0), EPOCH);

        assertThat(bound.barrier()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(bound.filter(0.0)).isEqualTo(GAMMA_MAX);
    }

    @Test
    void shouldNameTheKeyWhenParametersAreInvalid() {
        assertThatThrownBy(() -> new BarrierFilter(2, 0, 1)).hasMessage("governor.barrierAlphaPerSecond must be in (0, +inf), got 0.0");
        assertThatThrownBy(() -> new BarrierFilter(-1, 0.1, 1)).hasMessage("governor.gammaMax must be in (0, +inf), got -1.0");
        assertThatThrownBy(() -> new BarrierFilter(2, 0.1, 2)).hasMessage("governor.barrierDriveBound must be in [0, 2), got 2.0");
    }

    /**
     * Re rises towards Re_max with high Ṙe under a drive stronger than the Landau controller's largest tax. The plant
     * is m·R̈e = f − γ, integrated exactly in 1 s steps; γ is decided once per 60 s epoch from the true state.
     */
    @Test
    void shouldKeepTheBarrierNonNegativeAtEveryStepWhenBrakingReTowardsTheLimit() {
        Run unfiltered = simulateRe(false);
        Run filtered = simulateRe(true);

        assertThat(unfiltered.maxValue).isGreaterThan(RE_MAX);
        assertThat(unfiltered.minBarrier).isNegative();
        assertThat(filtered.minBarrier).isGreaterThanOrEqualTo(-1e-9);
        assertThat(filtered.maxValue).isLessThanOrEqualTo(RE_MAX);
        assertThat(filtered.barrierEpochs).isPositive();
        assertThat(filtered.infeasibleEpochs).isZero();
    }

    private Run simulateRe(boolean withFilter) {
        double m = 3000, drive = 1.2;
        double x = 3.0, v = 0.02;
        Run run = new Run();
        for (int epoch = 0; epoch < 150; epoch++) {
            BarrierState state = new BarrierState(x, v, RE_MAX, m, drive);
            double gamma = landau.gamma(x);
            if (withFilter) {
                BarrierBound bound = filter.bound(ConstraintKind.REYNOLDS_BARRIER, "re", state, EPOCH);
                if (bound.binds(gamma)) run.barrierEpochs++;
                if (!bound.feasible()) run.infeasibleEpochs++;
                gamma = bound.filter(gamma);
            }
            double acc = (drive - gamma) / m;
            for (int s = 0; s < 60; s++) {
                x += v + 0.5 * acc;
                v += acc;
                run.observe(x, barrierOf(x, v, RE_MAX, m, drive));
            }
        }
        return run;
    }

    /** h of eq. 27 with the net braking authority, written out independently of the class under test. */
    static double barrierOf(double x, double v, double limit, double m, double drive) {
        double beta = GAMMA_MAX - Math.min(Math.max(drive, 0), DRIVE_BOUND);
        double rising = Math.max(v, 0);
        return (limit - x) - 0.5 * m * rising * rising / beta;
    }

    static final class Run {
        double maxValue = Double.NEGATIVE_INFINITY;
        double minBarrier = Double.POSITIVE_INFINITY;
        int barrierEpochs;
        int infeasibleEpochs;

        void observe(double value, double barrier) {
            maxValue = Math.max(maxValue, value);
            minBarrier = Math.min(minBarrier, barrier);
        }
    }

    /**
     * From any safe state with a drive within the design bound, whatever γ the controller proposes (from the largest subsidy up), the filtered γ is at
     * most γ_max and keeps h ≥ 0 at every instant of the hold, checked on 200 sub-steps.
     */
    @Property(tries = 2000)
    void filteredGammaShouldKeepASafeStateSafeThroughoutTheHold(
            @ForAll @DoubleRange(min = -0.1, max = 0.1) double rate,
            @ForAll @DoubleRange(min = 10, max = 5000) double inertia,
            @ForAll @DoubleRange(min = -1, max = DRIVE_BOUND) double drive,
            @ForAll @DoubleRange(min = 0, max = 3) double margin,
            @ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 0.5) double alpha,
            @ForAll @DoubleRange(min = 1, max = 300) double hold,
            @ForAll @DoubleRange(min = -1, max = 2) double proposed) {
        BarrierFilter f = new BarrierFilter(GAMMA_MAX, alpha, DRIVE_BOUND);
        double beta = GAMMA_MAX - Math.max(drive, 0);
        double rising = Math.max(rate, 0);
        double value = RE_MAX - margin - 0.5 * inertia * rising * rising / beta;
        BarrierState state = new BarrierState(value, rate, RE_MAX, inertia, drive);

        BarrierBound bound = f.bound(ConstraintKind.REYNOLDS_BARRIER, "re", state, hold);
        double gamma = bound.filter(proposed);

        // At margin 0 rounding may put h a hair below 0, where γ_max is the honest answer but not "feasible".
        if (margin > 1e-9) assertThat(bound.feasible()).isTrue();
        assertThat(gamma).isLessThanOrEqualTo(GAMMA_MAX);
        double acc = (drive - gamma) / inertia;
        for (int i = 1; i <= 200; i++) {
            double t = hold * i / 200;
            double x = value + rate * t + 0.5 * acc * t * t;
            double v = rate + acc * t;
            assertThat(barrierOf(x, v, RE_MAX, inertia, drive)).isGreaterThanOrEqualTo(-1e-9);
        }
    }
}
