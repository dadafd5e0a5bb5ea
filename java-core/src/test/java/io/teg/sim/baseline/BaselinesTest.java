package io.teg.sim.baseline;

import io.teg.sim.MemoryLimitPolicy;
import io.teg.sim.Scheduler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselinesTest {

    @Test
    void shouldCreateEachBaselineByItsName() {
        assertThat(Baselines.create("slurm")).isInstanceOf(SlurmScheduler.class);
        assertThat(Baselines.create("k8s")).isInstanceOf(KubeScheduler.class);
        assertThat(Baselines.create("sparrow")).isInstanceOf(SparrowScheduler.class);
        for (String name : Baselines.NAMES) assertThat(Baselines.create(name).name()).isEqualTo(name);
    }

    @Test
    void shouldCreateANewInstanceOnEveryCall() {
        Scheduler a = Baselines.create("slurm");
        Scheduler b = Baselines.create("slurm");
        assertThat(a).isNotSameAs(b);
    }

    @Test
    void shouldUseEachPlatformsMemoryLimits() {
        assertThat(Baselines.create("slurm").memoryLimits()).isEqualTo(MemoryLimitPolicy.LIMIT_EQUALS_REQUEST);
        assertThat(Baselines.create("k8s").memoryLimits()).isEqualTo(MemoryLimitPolicy.BY_QOS);
        assertThat(Baselines.create("sparrow").memoryLimits()).isEqualTo(MemoryLimitPolicy.LIMIT_EQUALS_REQUEST);
    }

    @Test
    void shouldListTheValidNamesWhenTheNameIsUnknown() {
        assertThatThrownBy(() -> Baselines.create("yarn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yarn")
                .hasMessageContaining("slurm, k8s, sparrow");
        assertThatThrownBy(() -> Baselines.create(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
