package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.teg.model.Level;
import org.junit.jupiter.api.Test;

class PowerBudgetBarrierTest {

    private static final double GAMMA_MAX = 2.0;
    private static final double EPOCH = 60.0;
    private static final double INERTIA = 36_000.0;
    private static final double CAP_W = 40_000.0;

    private final PowerBudgetBarrier barrier = new PowerBudgetBarrier(new BarrierFilter(GAMMA_MAX, 0.01, 1.5), INERTIA);

    @Test
    void shouldNormaliseTheLoadByTheCap() {
        PowerBudgetReading reading = new PowerBudgetReading("rack-3", Level.RACK, CAP_W, 30_000, 40, 0.2);

        BarrierState state = barrier.state(reading, 0.25);

        assertThat(state.value()).isEqualTo(0.75);
        assertThat(state.ratePerSecond()).isEqualTo(0.001);
        assertThat(state.limit()).isEqualTo(1.0);
        assertThat(state.drive()).isCloseTo(INERTIA * 0.2 / CAP_W + 0.25, within(1e-15));
    }

    @Test
    void shouldUseEquation27WithPowerInPlaceOfRe() {
        PowerBudgetReading reading = new PowerBudgetReading("row-1", Level.ROW, CAP_W, 30_000, 40, 0.0);
        BarrierBound bound = barrier.bound(reading, 0.0, EPOCH);

        assertThat(bound.kind()).isEqualTo(ConstraintKind.POWER_BARRIER);
        assertThat(bound.name()).isEqualTo("row-1");
        assertThat(bound.barrier()).isCloseTo(0.25 - 0.5 * INERTIA * 0.001 * 0.001 / GAMMA_MAX, within(1e-15));
    }

    @Test
    void shouldBeInfeasibleWhenTheLoadIsAlreadyOverTheCapAndRising() {
        PowerBudgetReading reading = new PowerBudgetReading("zone-0", Level.ZONE, CAP_W, 41_000, 10, 0);

        assertThat(barrier.bound(reading, 0.0, EPOCH).feasible()).isFalse();
    }

    @Test
    void shouldNameTheKeyWhenTheInertiaIsInvalid() {
        assertThatThrownBy(() -> new PowerBudgetBarrier(new BarrierFilter(1, 0.01, 0.5), 0))
                .hasMessage("governor.powerInertiaSecondsSquared must be in (0, +inf), got 0.0");
    }

    /**
     * A rack whose load is pushed harder than the Landau tax can hold. The plant, in watts, is
     * P̈ = P_max·(f − γ)/m_P, integrated exactly in 1 s steps; each epoch the telemetry reports P, Ṗ and the P̈ it
     * measured under the γ then in force.
     */
    @Test
    void shouldKeepTheRackUnderItsCapAtEveryStepWhenTheBarrierFilters() {
        Sim unfiltered = simulate(false);
        Sim filtered = simulate(true);

        assertThat(unfiltered.maxPowerW).isGreaterThan(CAP_W);
        assertThat(unfiltered.minBarrier).isNegative();
        assertThat(filtered.maxPowerW).isLessThanOrEqualTo(CAP_W);
        assertThat(filtered.minBarrier).isGreaterThanOrEqualTo(-1e-9);
        assertThat(filtered.activeEpochs).isPositive();
    }

    private Sim simulate(boolean withFilter) {
        double drive = 0.8, landauGamma = 0.3;
        double p = 0.5 * CAP_W, pRate = 0, gammaInForce = 0;
        Sim sim = new Sim();
        for (int epoch = 0; epoch < 120; epoch++) {
            double measuredAcc = CAP_W * (drive - gammaInForce) / INERTIA;
            PowerBudgetReading reading = new PowerBudgetReading("rack-7", Level.RACK, CAP_W, p, pRate, measuredAcc);
            double gamma = landauGamma;
            if (withFilter) {
                BarrierBound bound = barrier.bound(reading, gammaInForce, EPOCH);
                if (bound.binds(gamma)) sim.activeEpochs++;
                gamma = bound.filter(gamma);
            }
            double acc = CAP_W * (drive - gamma) / INERTIA;
            for (int s = 0; s < 60; s++) {
                p += pRate + 0.5 * acc;
                pRate += acc;
                sim.maxPowerW = Math.max(sim.maxPowerW, p);
                sim.minBarrier = Math.min(sim.minBarrier,
                        BarrierFilterTest.barrierOf(p / CAP_W, pRate / CAP_W, 1.0, INERTIA, drive));
            }
            gammaInForce = gamma;
        }
        return sim;
    }

    static final class Sim {
        double maxPowerW = Double.NEGATIVE_INFINITY;
        double minBarrier = Double.POSITIVE_INFINITY;
        int activeEpochs;
    }
}
