package io.teg.sim.physics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhysicsParametersTest {

    @Test
    void shouldCarryThePapersFearPremiumRangeWhenDefaulted() {
        PhysicsParameters p = PhysicsParameters.defaults();
        assertThat(p.fearPremiumMin()).isEqualTo(0.4);
        assertThat(p.fearPremiumMax()).isEqualTo(2.0);
        assertThat(p.throttleReleaseC()).isLessThan(p.throttleC());
        assertThat(p.supplyMinC()).isLessThan(p.supplyMaxC());
    }

    @Test
    void shouldSpreadThermalResistanceByDefaultAndKeepTheSwitchWhenRebuilt() {
        PhysicsParameters p = PhysicsParameters.defaults();
        assertThat(p.thermalSpread()).isTrue();
        PhysicsParameters off = p.toBuilder().thermalSpread(false).build();
        assertThat(off.thermalSpread()).isFalse();
        assertThat(off.toBuilder().build()).isEqualTo(off).isNotEqualTo(p);
    }

    @Test
    void shouldRoundTripWhenRebuiltFromItself() {
        PhysicsParameters p = PhysicsParameters.defaults();
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThat(p.toBuilder().throttleSpeed(0.5).build().throttleSpeed()).isEqualTo(0.5);
    }

    @Test
    void shouldNameParameterAndRangeWhenValueIsOutOfRange() {
        assertThatThrownBy(() -> PhysicsParameters.builder().recirculationShare(1.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recirculationShare")
                .hasMessageContaining("[0.0, 1.0]")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> PhysicsParameters.builder().throttleSpeed(0).build())
                .hasMessageContaining("throttleSpeed").hasMessageContaining("(0.0, 1.0]");
        assertThatThrownBy(() -> PhysicsParameters.builder().thermalTimeConstantS(-1).build())
                .hasMessageContaining("thermalTimeConstantS");
        assertThatThrownBy(() -> PhysicsParameters.builder().burstMinDurationS(0).build())
                .hasMessageContaining("burstMinDurationS");
    }

    @Test
    void shouldRejectHysteresisBandWhenReleaseIsNotBelowThrottle() {
        assertThatThrownBy(() -> PhysicsParameters.builder().throttleC(80).throttleReleaseC(80).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("throttleReleaseC").hasMessageContaining("throttleC=80.0");
    }

    @Test
    void shouldRejectInvertedRangesWhenMinExceedsMax() {
        assertThatThrownBy(() -> PhysicsParameters.builder().fearPremiumMin(1.0).fearPremiumMax(0.5).build())
                .hasMessageContaining("fearPremiumMax");
        assertThatThrownBy(() -> PhysicsParameters.builder().supplyMinC(30).supplyMaxC(25).build())
                .hasMessageContaining("supplyMinC");
        assertThatThrownBy(() -> PhysicsParameters.builder().burstFactorMin(2.0).burstFactorMax(1.5).build())
                .hasMessageContaining("burstFactorMax");
        assertThatThrownBy(() -> PhysicsParameters.builder().memoryFractionMin(0.3).build())
                .hasMessageContaining("memoryFractionMin");
    }
}
