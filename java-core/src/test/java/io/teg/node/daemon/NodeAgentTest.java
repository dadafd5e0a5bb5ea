package io.teg.node.daemon;

import io.teg.node.gpu.nvml.FakeNvml;
import io.teg.node.gpu.nvml.Nvml;
import io.teg.node.sensor.InMemoryTelemetrySink;
import io.teg.node.sensor.NodeSample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's sampler and power loop over sensor files in a temporary tree and the fake NVML (no cgroups). */
class NodeAgentTest {

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

    private AgentConfig config(String... extra) throws Exception {
        Path thermal = Files.createDirectories(dir.resolve("thermal/thermal_zone0"));
        Files.writeString(thermal.resolve("temp"), "48500\n");
        Path rapl = Files.createDirectories(dir.resolve("powercap/intel-rapl:0"));
        Files.writeString(rapl.resolve("energy_uj"), "123456789\n");
        Files.createDirectories(dir.resolve("powercap/intel-rapl:0:0"));
        Files.writeString(dir.resolve("meminfo"), "MemTotal:       24000000 kB\nMemFree:  1 kB\nMemAvailable:   20000000 kB\n");
        Files.writeString(dir.resolve("psi"), "some avg10=1.25 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        List<String> lines = new java.util.ArrayList<>(List.of("sensors.thermal-root=" + dir.resolve("thermal"),
                "sensors.powercap-root=" + dir.resolve("powercap"), "sensors.meminfo=" + dir.resolve("meminfo"),
                "sensors.psi-memory=" + dir.resolve("psi"), "batch-samples=3", "power.state-file=" + dir.resolve("power.state"),
                "power.max-step-watts=1000"));
        for (String e : extra) {
            String key = e.substring(0, e.indexOf('='));
            lines.removeIf(l -> l.startsWith(key + "="));
            lines.add(e);
        }
        return AgentConfig.parse(lines, Path.of("test.conf"));
    }

    @Test
    void shouldPublishMicroBatchesOfEverySensorWhenSampling() throws Exception {
        fake.configure("gpus=2,power_mw=150000,temp_c=61");
        InMemoryTelemetrySink sink = new InMemoryTelemetrySink(8);
        try (NodeAgent agent = NodeAgent.of(config(), sink, Optional.empty(), Optional.of(Nvml.open(fake.path)),
                InstantSource.system(), List.of("cgroups not writable (test)"))) {
            for (int i = 0; i < 7; i++) agent.sampleOnce();
            assertThat(sink.published()).isEqualTo(2);
            NodeSample s = sink.batches().getFirst().getFirst();
            assertThat(s.thermalMilliCelsius()).containsExactly(48500L);
            assertThat(s.raplEnergyMicrojoules()).as("top-level RAPL domains only").containsExactly(123456789L);
            assertThat(s.memTotalKiB()).isEqualTo(24000000);
            assertThat(s.memAvailableKiB()).isEqualTo(20000000);
            assertThat(s.psiMemorySomeAvg10()).isEqualTo(1.25);
            assertThat(s.gpus()).hasSize(2);
            assertThat(s.gpus().get(1).temperatureCelsius()).isEqualTo(61);
            assertThat(agent.degraded()).containsExactly("cgroups not writable (test)");
        }
    }

    @Test
    void shouldSayOnceWhichSensorsAreAbsentAndKeepSamplingTheRest() throws Exception {
        AgentConfig c = config("sensors.thermal-root=" + dir.resolve("nope"));
        InMemoryTelemetrySink sink = new InMemoryTelemetrySink(8);
        try (NodeAgent agent = NodeAgent.of(c, sink, Optional.empty(), Optional.empty(), InstantSource.system(),
                List.of("NVML missing (test)"))) {
            agent.sampleOnce();
            agent.sampleOnce();
            agent.sampleOnce();
            assertThat(agent.degraded()).anySatisfy(d -> assertThat(d).contains("thermal zones: none under"));
            assertThat(agent.degraded()).contains("NVML missing (test)");
            assertThat(sink.batches().getFirst().getFirst().memTotalKiB()).isEqualTo(24000000);
            assertThat(sink.batches().getFirst().getFirst().gpus()).isEmpty();
        }
    }

    @Test
    void shouldCapTheGpusWithinTheBudgetAndRestoreTheOriginalsWhenClosed() throws Exception {
        fake.configure("gpus=2,limit_mw=250000,min_mw=100000,max_mw=300000,power_mw.0=240000,power_mw.1=80000");
        Nvml nvml = Nvml.open(fake.path);
        try (Nvml check = Nvml.open(fake.path)) {
            try (NodeAgent agent = NodeAgent.of(config("power.node-budget-watts=400"), new InMemoryTelemetrySink(1),
                    Optional.empty(), Optional.of(nvml), InstantSource.system(), List.of())) {
                agent.controlOnce();
                long l0 = check.enforcedLimitMilliwatts(0);
                long l1 = check.enforcedLimitMilliwatts(1);
                assertThat(l0 + l1).isLessThanOrEqualTo(400_000);
                assertThat(l0).as("the busier GPU gets more").isGreaterThan(l1);
                assertThat(dir.resolve("power.state")).exists();
            }
            assertThat(check.enforcedLimitMilliwatts(0)).isEqualTo(250000);
            assertThat(check.enforcedLimitMilliwatts(1)).isEqualTo(250000);
            assertThat(dir.resolve("power.state")).doesNotExist();
        }
    }

    @Test
    void shouldLeaveTheControlLoopAsleepUntilABudgetArrivesWhenThereIsNothingToControl() throws Exception {
        fake.configure("gpus=1,limit_mw=250000,min_mw=100000,max_mw=300000,power_mw=200000");
        try (NodeAgent agent = NodeAgent.of(config("sample-rate-hz=200"), new InMemoryTelemetrySink(1), Optional.empty(),
                Optional.of(Nvml.open(fake.path)), InstantSource.system(), List.of()).start()) {
            long seen = agent.samplesTaken();
            while (agent.samplesTaken() < seen + 5) Thread.sleep(5);
            assertThat(agent.controlRounds()).as("no memory guard and no budget: no control rounds").isZero();
            agent.setBudgetWatts(200);
            while (agent.controlRounds() == 0) Thread.sleep(5);
            assertThat(agent.controlRounds()).isPositive();
        }
    }
}
