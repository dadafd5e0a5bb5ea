package io.teg.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsCommandTest {

    @TempDir
    Path tmp;

    private Path markdown() throws IOException {
        return Files.writeString(tmp.resolve("results.md"), "# Results\n\nhand-written\n\n"
                + ResultsCommand.BEGIN + "\nold tables\n" + ResultsCommand.END + "\n\nmore prose\n");
    }

    @Test
    void shouldExitWith2AndNameTheOptionWhenATraceIsUnknown() throws IOException {
        Cli r = Cli.run("results", "--traces", "kth,lanl", "--out", markdown().toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--traces").contains("lanl").contains("gpushare40");
    }

    @Test
    void shouldStoreTheRunAndKeepItWhenResumingOrRendering() throws IOException {
        Path md = markdown();
        Path data = tmp.resolve("results-data.json");

        Cli first = Cli.run("results", "--traces", "gpushare40", "--loads", "0.8", "--seeds", "1", "--scheduler", "sparrow",
                "--out", md.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        String stored = Files.readString(data);
        assertThat(stored).contains("\"trace\" : \"openb_pod_list_gpushare40.csv\"").contains("\"sparrow\" : [");
        String text = Files.readString(md);
        assertThat(text).startsWith("# Results\n\nhand-written\n\n").endsWith(ResultsCommand.END + "\n\nmore prose\n")
                .doesNotContain("old tables")
                .contains("### openb_pod_list_gpushare40.csv, load 0.8")
                .contains("1 seed (1..1)")
                .contains("Not computed yet: slurm, k8s, teg.")
                .contains("### KTH-SP2-1996-2.1-cln.swf, load 1.2\n\nNot computed yet.");

        Cli resume = Cli.run("results", "--traces", "gpushare40", "--loads", "0.8", "--seeds", "1", "--scheduler", "sparrow",
                "--resume", "--out", md.toString());
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(resume.err()).contains("0 runs to do");
        assertThat(Files.readString(data)).isEqualTo(stored);

        Cli render = Cli.run("results", "--render", "--out", md.toString());
        assertThat(render.exitCode()).as(render.err()).isZero();
        assertThat(Files.readString(md)).isEqualTo(text);
    }
}
