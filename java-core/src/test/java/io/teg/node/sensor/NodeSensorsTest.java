package io.teg.node.sensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The sensor parsing from bytes, re-reading of open files, and PSI's 2 s cadence, over files in a temporary tree. */
class NodeSensorsTest {

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    private final InstantSource clock = now::get;

    private NodeSensors sensors() throws Exception {
        Path zone = Files.createDirectories(dir.resolve("thermal/thermal_zone0"));
        Files.writeString(zone.resolve("temp"), "48500\n");
        Path rapl = Files.createDirectories(dir.resolve("powercap/intel-rapl:0"));
        Files.writeString(rapl.resolve("energy_uj"), "123456789\n");
        Files.writeString(dir.resolve("meminfo"), "MemTotal:       24000000 kB\nMemFree:  1 kB\nMemAvailable:   20000000 kB\n");
        Files.writeString(dir.resolve("psi"), "some avg10=1.25 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        return new NodeSensors(dir.resolve("thermal"), dir.resolve("powercap"), dir.resolve("meminfo"), dir.resolve("psi"),
                Optional.empty(), clock);
    }

    @Test
    void shouldSeeNewValuesOfFilesItKeepsOpenWhenTheyChange() throws Exception {
        try (NodeSensors s = sensors()) {
            assertThat(s.sample().thermalMilliCelsius()).containsExactly(48500L);
            Files.writeString(dir.resolve("thermal/thermal_zone0/temp"), "7\n");
            Files.writeString(dir.resolve("meminfo"), "MemTotal: 5 kB\nMemAvailable: 3 kB\n");
            NodeSample second = s.sample();
            assertThat(second.thermalMilliCelsius()).containsExactly(7L);
            assertThat(second.memTotalKiB()).isEqualTo(5);
            assertThat(second.memAvailableKiB()).isEqualTo(3);
        }
    }

    @Test
    void shouldReportMinusOneWhenAKeyIsMissingOrNotANumber() throws Exception {
        try (NodeSensors s = sensors()) {
            Files.writeString(dir.resolve("meminfo"), "MemTotal: kB\nMemFree: 1 kB\n");
            Files.writeString(dir.resolve("thermal/thermal_zone0/temp"), "hot\n");
            NodeSample sample = s.sample();
            assertThat(sample.memTotalKiB()).isEqualTo(-1);
            assertThat(sample.memAvailableKiB()).isEqualTo(-1);
            assertThat(sample.thermalMilliCelsius()).containsExactly(-1L);
        }
    }

    @Test
    void shouldReadPsiAgainOnlyAfterTheKernelsTwoSecondAveragingPeriodWhenSampledFaster() throws Exception {
        try (NodeSensors s = sensors()) {
            assertThat(s.sample().psiMemorySomeAvg10()).isEqualTo(1.25);
            Files.writeString(dir.resolve("psi"), "some avg10=10.5 avg60=0.00 avg300=0.00 total=0\n");
            now.set(now.get().plusMillis(NodeSensors.PSI_UPDATE_MILLIS - 1));
            assertThat(s.sample().psiMemorySomeAvg10()).as("the kernel has not recomputed it yet").isEqualTo(1.25);
            now.set(now.get().plusMillis(1));
            assertThat(s.sample().psiMemorySomeAvg10()).isEqualTo(10.5);
        }
    }
}
