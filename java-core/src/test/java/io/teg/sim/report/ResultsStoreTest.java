package io.teg.sim.report;

import io.teg.sim.metrics.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsStoreTest {

    @TempDir
    Path dir;

    private static RunMetrics run(String scheduler, long seed, double wait) {
        return new RunMetrics(scheduler, seed, 100, 90 + (int) seed, 36_000 + seed, 9.0 + seed / 3.0, wait, 2 * wait,
                1.0 + wait / 7.0, 0.1 * seed, 0.0, seed, 2, 13.5, 60.25, 1.0 / 3.0, 12.75, seed == 2, seed == 2 ? 1 : 0,
                null, 1000 * seed, 4321 * seed, 77, 0, new double[0], null, seed, 2.5 * seed);
    }

    private static final ResultsStore.Section SECTION = new ResultsStore.Section("setting A", 100, 10, 0.8);

    @Test
    void shouldGiveTheSameTextAndTablesWhenWrittenAndReadBack() throws IOException {
        ResultsStore store = new ResultsStore();
        store.put("t.swf", 0.8, SECTION, run("slurm", 2, 40.125));
        store.put("t.swf", 0.8, SECTION, run("slurm", 1, 20.1));
        store.put("t.swf", 0.8, SECTION, run("k8s", 1, 55.5));
        Path file = dir.resolve("data.json");
        store.write(file);

        ResultsStore back = ResultsStore.read(file);

        assertThat(back.text()).isEqualTo(Files.readString(file));
        assertThat(back.runs("t.swf", 0.8, "slurm")).extracting(RunMetrics::seed).containsExactly(1L, 2L);
        assertThat(back.runs("t.swf", 0.8, "slurm").get(1).meanWaitS()).isEqualTo(40.125);
        assertThat(back.runs("t.swf", 0.8, "slurm").get(0).coolingEnergyKwh()).isEqualTo(1.0 / 3.0);
        List<String> order = List.of("slurm", "k8s", "teg");
        assertThat(back.markdown(List.of("t.swf"), List.of(0.8), order)).isEqualTo(store.markdown(List.of("t.swf"), List.of(0.8), order));
    }

    @Test
    void shouldRenderMeanAndIntervalAndNameMissingSchedulersWhenRendering() {
        ResultsStore store = new ResultsStore();
        store.put("t.swf", 0.8, SECTION, run("slurm", 1, 20));
        store.put("t.swf", 0.8, SECTION, run("slurm", 2, 40));

        String md = store.markdown(List.of("t.swf", "u.csv"), List.of(0.8), List.of("slurm", "teg"));

        assertThat(md).contains("### t.swf, load 0.8").contains("2 seeds (1..2); setting A")
                // mean 30, t(0.975, 1) * s / sqrt(2) = 12.706 * 14.142 / 1.414 = 127.06
                .contains("| mean wait (s) | 30 ± 127 |")
                .contains("| runs with a deadlock | 1 of 2 |")
                .contains(" |\n\nNot computed yet: teg.")
                .contains("### u.csv, load 0.8\n\nNot computed yet.");
    }

    @Test
    void shouldDropRunsOfAnotherSettingWhenARunIsStored() {
        ResultsStore store = new ResultsStore();
        store.put("t.swf", 0.8, SECTION, run("slurm", 1, 20));
        store.put("t.swf", 0.8, new ResultsStore.Section("setting B", 100, 10, 0.8), run("k8s", 1, 20));

        assertThat(store.runs("t.swf", 0.8, "slurm")).isEmpty();
        assertThat(store.has("t.swf", 0.8, "setting B", "k8s", 1)).isTrue();
        assertThat(store.has("t.swf", 0.8, "setting A", "k8s", 1)).isFalse();
    }

    @Test
    void shouldNameTheFileWhenItIsNotAStore() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"format\": 9}");
        assertThatThrownBy(() -> ResultsStore.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("format");
    }
}
