package io.teg.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage errors of {@code teg cluster} and {@code teg demo}: one line, exit 2, nothing started. */
class ClusterCommandTest {

    @Test
    void shouldSayThereIsNoClusterWhenStatusIsAskedOfAnEmptyDirectory(@TempDir Path dir) {
        Cli r = Cli.run("cluster", "status", "--dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("teg status: no cluster in " + dir + " (no slurm.conf): start one with "
                + "'teg cluster up'" + System.lineSeparator());
    }

    @Test
    void shouldNameTheOptionWhenUpGetsABadValue(@TempDir Path dir) {
        Cli select = Cli.run("cluster", "up", "--dir", dir.toString(), "--nodes", "2", "--select", "linear");
        assertThat(select.exitCode()).isEqualTo(2);
        assertThat(select.err()).contains("--select=linear: expected teg or cons_tres");
        Cli nodes = Cli.run("cluster", "up", "--dir", dir.toString(), "--nodes", "0", "--select", "cons_tres");
        assertThat(nodes.exitCode()).isEqualTo(2);
        assertThat(nodes.err()).contains("--nodes=0: must be at least 1");
        Cli missing = Cli.run("cluster", "up", "--dir", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--nodes=N'");
    }

    @Test
    void shouldRefuseTegWhenThePluginIsNotBuilt(@TempDir Path dir) {
        Cli r = Cli.run("cluster", "up", "--dir", dir.resolve("c").toString(), "--nodes", "2", "--select", "teg",
                "--plugin-dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--select=teg: no select_teg.so in " + dir);
    }

    @Test
    void shouldNameTheTracesRangeWhenTheDemoSliceIsTooLong() {
        Cli r = Cli.run("demo", "--from", "28000", "--jobs", "5000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("jobs 28000..32999: the trace");
    }
}
