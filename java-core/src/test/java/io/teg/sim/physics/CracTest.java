package io.teg.sim.physics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CracTest {

    @Test
    void shouldFollowMooreEtAlCurveWhenEvaluatingCop() {
        assertThat(Crac.cop(0)).isCloseTo(0.458, within(1e-12));
        assertThat(Crac.cop(15)).isCloseTo(0.0068 * 225 + 0.012 + 0.458, within(1e-12)); // 2.0
        assertThat(Crac.cop(15)).isCloseTo(2.0, within(1e-12));
        assertThat(Crac.cop(20)).isCloseTo(3.194, within(1e-12));
        assertThat(Crac.cop(25)).isCloseTo(4.728, within(1e-12));
        assertThat(Crac.cop(27)).isCloseTo(5.4368, within(1e-12));
    }

    @Test
    void shouldRaiseSupplyAsFarAsRedlineAllowsWhenSettingPoint() {
        assertThat(Crac.setpointC(27, 3, 15, 27)).isEqualTo(24.0);
        assertThat(Crac.setpointC(27, 0.5, 15, 25)).isEqualTo(25.0);
        assertThat(Crac.setpointC(27, 20, 15, 27)).isEqualTo(15.0);
    }

    @Test
    void shouldWarmSupplyByExcessOverAirFlowWhenCapacityIsExceeded() {
        assertThat(Crac.supplyC(20, 12_000, 10_000, 500)).isCloseTo(24.0, within(1e-12));
        assertThat(Crac.supplyC(20, 9_000, 10_000, 500)).isEqualTo(20.0);
    }

    @Test
    void shouldDivideRemovedHeatByCopWhenComputingPower() {
        assertThat(Crac.powerW(10_000, 20_000, 25)).isCloseTo(10_000 / 4.728, within(1e-9));
        assertThat(Crac.powerW(30_000, 20_000, 25)).isCloseTo(20_000 / 4.728, within(1e-9));
    }
}
