package io.teg.node.gpu.nvml;

import io.teg.node.gpu.DryRunGpuControl;
import io.teg.node.gpu.PowerLimitKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Saving, restoring and recovering original power limits, through the real binding and the fake NVML. */
class PowerLimitKeeperTest {

    private static FakeNvml fake;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        fake = new FakeNvml();
    }

    @AfterAll
    static void unload() {
        fake.close();
    }

    @Test
    void shouldRestoreTheOriginalLimitsAndDeleteTheStateFileWhenClosed() {
        fake.configure("gpus=2,limit_mw=250000");
        Path state = dir.resolve("power.state");
        try (Nvml nvml = Nvml.open(fake.path)) {
            try (PowerLimitKeeper keeper = PowerLimitKeeper.open(nvml, state)) {
                keeper.set(0, 150000);
                keeper.set(1, 200000);
                keeper.set(0, 160000);
                assertThat(nvml.enforcedLimitMilliwatts(0)).isEqualTo(160000);
                assertThat(state).content().contains("gpu.0.original-milliwatts=250000", "gpu.1.original-milliwatts=250000");
            }
            assertThat(nvml.enforcedLimitMilliwatts(0)).isEqualTo(250000);
            assertThat(nvml.enforcedLimitMilliwatts(1)).isEqualTo(250000);
            assertThat(state).doesNotExist();
        }
    }

    @Test
    void shouldClampAndSayItWhenTheRequestIsOutsideTheConstraints() {
        fake.configure("gpus=1,min_mw=100000,max_mw=300000");
        try (Nvml nvml = Nvml.open(fake.path); PowerLimitKeeper keeper = PowerLimitKeeper.open(nvml, dir.resolve("s"))) {
            var low = keeper.set(0, 40000);
            assertThat(low.clamped()).isTrue();
            assertThat(low.applied()).isEqualTo(100000);
            assertThat(nvml.enforcedLimitMilliwatts(0)).isEqualTo(100000);
            var high = keeper.set(0, 999000);
            assertThat(high.applied()).isEqualTo(300000);
            assertThat(high.previous()).isEqualTo(100000);
        }
    }

    @Test
    void shouldRestoreTheLimitsOfACrashedAgentWhenItsStateFileIsFoundAtStart() {
        fake.configure("gpus=2,limit_mw=250000");
        Path state = dir.resolve("power.state");
        Nvml first = Nvml.open(fake.path);
        PowerLimitKeeper crashed = PowerLimitKeeper.open(first, state);
        crashed.set(1, 120000);
        first.close(); // the agent dies here: no restore
        assertThat(state).exists();

        try (Nvml second = Nvml.open(fake.path)) {
            assertThat(second.enforcedLimitMilliwatts(1)).as("the driver keeps the lowered limit").isEqualTo(120000);
            PowerLimitKeeper keeper = PowerLimitKeeper.open(second, state);
            assertThat(keeper.recovered()).containsExactly(1);
            assertThat(second.enforcedLimitMilliwatts(1)).isEqualTo(250000);
            assertThat(state).doesNotExist();
        }
    }

    @Test
    void shouldRestoreOnlyTheEndedJobsGpuWhenAJobEnds() {
        fake.configure("gpus=2,limit_mw=250000");
        try (Nvml nvml = Nvml.open(fake.path); PowerLimitKeeper keeper = PowerLimitKeeper.open(nvml, dir.resolve("s"))) {
            keeper.set(0, 150000);
            keeper.set(1, 150000);
            keeper.restore(1);
            assertThat(nvml.enforcedLimitMilliwatts(0)).isEqualTo(150000);
            assertThat(nvml.enforcedLimitMilliwatts(1)).isEqualTo(250000);
            assertThat(keeper.originals()).containsOnlyKeys(0);
        }
    }

    @Test
    void shouldNeverChangeTheGpuWhenInDryRun() {
        fake.configure("gpus=2,limit_mw=250000");
        try (Nvml nvml = Nvml.open(fake.path)) {
            DryRunGpuControl dry = new DryRunGpuControl(nvml);
            try (PowerLimitKeeper keeper = PowerLimitKeeper.open(dry, dir.resolve("s"))) {
                keeper.set(0, 130000);
                assertThat(dry.enforcedLimitMilliwatts(0)).isEqualTo(130000);
                assertThat(dry.wouldHaveSet()).containsExactly(new DryRunGpuControl.WouldSet(0, 130000));
            }
            assertThat(fake.setCalls()).isZero();
            assertThat(nvml.enforcedLimitMilliwatts(0)).isEqualTo(250000);
        }
    }

    @Test
    void shouldNameFileAndLineWhenTheStateFileIsMalformed() throws Exception {
        fake.configure("gpus=1");
        Path state = dir.resolve("bad.state");
        Files.writeString(state, "# header\ngpu.0.original=12\n");
        try (Nvml nvml = Nvml.open(fake.path)) {
            assertThatThrownBy(() -> PowerLimitKeeper.open(nvml, state)).hasMessageContaining(state + ":2");
        }
    }
}
