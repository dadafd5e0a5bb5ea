package io.teg.node.power;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PowerCapPolicyTest {

    @Test
    void shouldSplitTheBudgetAboveTheMinimaByDemandWhenNoGpuIsFull() {
        var gpus = List.of(new GpuDemand(100_000, 400_000, 250_000, 3), new GpuDemand(100_000, 400_000, 250_000, 1));
        PowerCaps caps = new PowerCapPolicy(1_000_000).decide(600_000, gpus);
        assertThat(caps.capsMilliwatts()).containsExactly(400_000L, 200_000L);
    }

    @Test
    void shouldMoveAtMostOneStepUpPerTickWhenTheTargetIsFarAbove() {
        var gpus = List.of(new GpuDemand(100_000, 400_000, 150_000, 1));
        PowerCaps caps = new PowerCapPolicy(20_000).decide(400_000, gpus);
        assertThat(caps.capsMilliwatts()).containsExactly(170_000L);
        assertThat(caps.targetMilliwatts()).containsExactly(400_000L);
    }

    @Test
    void shouldCutBelowTheStepWhenTheBudgetDropsSharply() {
        var gpus = List.of(new GpuDemand(100_000, 400_000, 400_000, 1), new GpuDemand(100_000, 400_000, 400_000, 1));
        PowerCaps caps = new PowerCapPolicy(20_000).decide(300_000, gpus);
        assertThat(caps.totalMilliwatts()).isLessThanOrEqualTo(300_000);
        assertThat(caps.capsMilliwatts()).containsExactly(150_000L, 150_000L);
    }

    @Test
    void shouldHoldEveryGpuAtItsMinimumAndSaySoWhenTheBudgetIsBelowTheFloor() {
        var gpus = List.of(new GpuDemand(100_000, 400_000, 100_000, 1), new GpuDemand(100_000, 400_000, 100_000, 1));
        PowerCaps caps = new PowerCapPolicy(20_000).decide(150_000, gpus);
        assertThat(caps.budgetBelowFloor()).isTrue();
        assertThat(caps.capsMilliwatts()).containsExactly(100_000L, 100_000L);
    }
}
