package io.teg.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PhysicalEntropyTest {

    private static final double CAPACITY_MIB = 512 * 1024;

    private static PhysicalEntropy withMemory(double usedMiB) {
        return new PhysicalEntropy(0, 0, usedMiB, CAPACITY_MIB, 0, 700, 25, 25, 85);
    }

    @Test
    void shouldBeZeroWhenNodeIsIdleCoolAndEmpty() {
        PhysicalEntropy idle = new PhysicalEntropy(0, 0, 0, CAPACITY_MIB, 0, 700, 20, 25, 85);
        assertThat(idle.entropy()).isZero();
    }

    @Test
    void shouldSumWeightedPressuresWhenNodeIsBusy() {
        // cpu 0.5, gpu 1.0, memory U = C_max/2 → 1, power 350/700 = 0.5, thermal (55 − 25)/(85 − 25) = 0.5.
        PhysicalEntropy busy = new PhysicalEntropy(0.5, 1.0, 0.475 * CAPACITY_MIB, CAPACITY_MIB, 350, 700, 55, 25, 85);
        assertThat(busy.memoryPressure()).isCloseTo(1.0, within(1e-12));
        assertThat(busy.entropy()).isCloseTo(0.5 + 1.0 + 1.0 + 0.5 + 0.5, within(1e-12));
        PhysicalEntropy.Weights weights = new PhysicalEntropy.Weights(2, 0, 1, 0, 4);
        assertThat(busy.entropy(weights)).isCloseTo(2 * 0.5 + 1.0 + 4 * 0.5, within(1e-12));
    }

    @Test
    void shouldGrowWithoutBoundWhenMemoryApproachesLimit() {
        double limit = PhysicalEntropy.MEMORY_LIMIT_FRACTION * CAPACITY_MIB;
        double previous = 0;
        for (int k = 1; k <= 9; k++) {
            double gap = Math.pow(10, -k);
            double s = withMemory(limit * (1 - gap)).entropy();
            assertThat(s).isGreaterThan(previous).isGreaterThan(0.9 / gap);
            previous = s;
        }
        assertThat(withMemory(limit).entropy()).isInfinite();
        assertThat(withMemory(CAPACITY_MIB).entropy()).isInfinite();
    }

    @Test
    void shouldLeaveMemoryOutWhenItsWeightIsZeroEvenAtTheLimit() {
        PhysicalEntropy full = withMemory(CAPACITY_MIB);
        assertThat(full.entropy(new PhysicalEntropy.Weights(1, 1, 0, 1, 1))).isZero();
    }

    @Test
    void shouldClampThermalPressureAtZeroWhenBelowInlet() {
        assertThat(new PhysicalEntropy(0, 0, 0, 1, 0, 1, 18, 25, 85).thermalPressure()).isZero();
        assertThat(new PhysicalEntropy(0, 0, 0, 1, 0, 1, 85, 25, 85).thermalPressure()).isEqualTo(1.0);
    }

    @Test
    void shouldScaleEntropyWhenGossipMultiplierIsApplied() {
        PhysicalEntropy local = new PhysicalEntropy(0.4, 0.2, 0, 1, 100, 400, 40, 25, 85);
        PhysicalEntropy gossiped = new PhysicalEntropy(0.4, 0.2, 0, 1, 100, 400, 40, 25, 85, 1.5);
        assertThat(local.gossipMultiplier()).isEqualTo(1.0);
        assertThat(gossiped.entropy()).isCloseTo(1.5 * local.entropy(), within(1e-12));
    }

    @Test
    void shouldRejectTelemetryWhenOutOfRange() {
        assertThatThrownBy(() -> new PhysicalEntropy(-0.1, 0, 0, 1, 0, 1, 30, 25, 85))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpuUse");
        assertThatThrownBy(() -> new PhysicalEntropy(0, 0, 0, 0, 0, 1, 30, 25, 85))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memoryCapacityMiB");
        assertThatThrownBy(() -> new PhysicalEntropy(0, 0, 0, 1, 0, 0, 30, 25, 85))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("powerCapW");
        assertThatThrownBy(() -> new PhysicalEntropy(0, 0, 0, 1, 0, 1, 30, 25, 25))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("throttleTemperatureC");
        assertThatThrownBy(() -> new PhysicalEntropy(0, 0, 0, 1, 0, 1, 30, 25, 85, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gossipMultiplier");
        assertThatThrownBy(() -> new PhysicalEntropy.Weights(1, 1, -1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory weight");
    }
}
