package io.teg.sim.trace;

import io.teg.model.NodeSpec;
import io.teg.sim.Qos;
import io.teg.sim.SimJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwfReaderTest {

    private static final TraceOptions LENIENT = TraceOptions.defaults();
    private static final TraceOptions STRICT = TraceOptions.defaults().withStrict(true);

    @TempDir
    Path dir;

    /** An 18-field SWF job line with the columns the reader uses; the others are -1. */
    private static String job(long id, long submit, String runtime, long allocated, long requested, long reqTime, long memKb, long user) {
        return String.join(" ", String.valueOf(id), String.valueOf(submit), "-1", runtime, String.valueOf(allocated), "-1", "-1",
                String.valueOf(requested), String.valueOf(reqTime), String.valueOf(memKb), "1", String.valueOf(user),
                "1", "-1", "1", "-1", "-1", "-1");
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void shouldReadEveryKthJobLineWhenReadingTheBundledLog() throws IOException {
        Trace trace = new SwfReader(LENIENT).read(BundledData.kth());

        TraceDiagnostics d = trace.diagnostics();
        assertThat(d.linesRead()).isEqualTo(28_500);
        assertThat(d.recordsRead()).isEqualTo(28_476);
        assertThat(d.malformedCount()).isZero();
        assertThat(d.skippedFor(SwfReader.SKIP_RUNTIME)).isEqualTo(8);
        assertThat(d.skippedFor(SwfReader.SKIP_PROCS)).isEqualTo(1);
        assertThat(d.skippedCount()).isEqualTo(9);
        assertThat(trace.size()).isEqualTo(28_467).isEqualTo(d.jobsKept());
        assertThat(trace.name()).isEqualTo("KTH-SP2-1996-2.1-cln");

        List<SimJob> jobs = trace.jobs();
        assertThat(jobs.stream().mapToLong(SimJob::runtimeS).sum()).isEqualTo(252_634_874L);
        assertThat(jobs.stream().mapToLong(SimJob::tasks).sum()).isEqualTo(217_802L);
        assertThat(jobs.stream().mapToLong(j -> j.tasks() * j.runtimeS()).sum()).isEqualTo(2_011_271_357L);
        assertThat(jobs.stream().mapToLong(j -> j.request().timeLimitS()).sum()).isEqualTo(388_974_180L);
        assertThat(jobs.getLast().submitS()).isEqualTo(29_363_618L - 599_850L);
        assertThat(jobs.stream().map(j -> j.request().account()).collect(Collectors.toSet())).hasSize(214);
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.task().cpuMilli()).isEqualTo(1000);
            assertThat(j.task().memMiB()).isZero();
            assertThat(j.task().gpus()).isZero();
            assertThat(j.qos()).isEqualTo(Qos.GUARANTEED);
            assertThat(j.request().priority()).isZero();
        });

        SimJob first = jobs.getFirst();
        assertThat(first.request().jobId()).isEqualTo(15);
        assertThat(first.submitS()).isZero();
        assertThat(first.runtimeS()).isEqualTo(3477);
        assertThat(first.tasks()).isEqualTo(4);
        assertThat(first.request().timeLimitS()).isEqualTo(53_940);
        assertThat(first.request().account()).isEqualTo("u12");
        assertThat(first.sourceLine()).isEqualTo(25);
    }

    @Test
    void shouldSummariseCountsWhenKthIsRead() throws IOException {
        Trace trace = new SwfReader(LENIENT).read(BundledData.kth());

        assertThat(trace.diagnostics().summary()).isEqualTo(
                "KTH-SP2-1996-2.1-cln.swf: 28476 records, 28467 jobs, 0 malformed lines, 9 jobs skipped (8 runtime <= 0, 1 processors <= 0)");
    }

    @Test
    void shouldBuildHundredNodeClusterWhenHeaderGivesMaxNodesAndMaxProcs() throws IOException {
        Trace trace = new SwfReader(LENIENT).read(BundledData.kth());

        List<NodeSpec> nodes = trace.cluster().nodes();
        assertThat(nodes).hasSize(100);
        assertThat(nodes.getFirst().name()).isEqualTo("KTH-SP2-1996-2.1-cln-n0001");
        assertThat(nodes.getLast().name()).isEqualTo("KTH-SP2-1996-2.1-cln-n0100");
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.cpuMilli()).isEqualTo(1000);
            assertThat(n.memMiB()).isEqualTo(SwfReader.MIB_PER_CORE);
            assertThat(n.gpus()).isZero();
        });
        assertThat(trace.cluster().gpuModels()).isEmpty();
        assertThat(trace.diagnostics().notes()).isEmpty();
    }

    @Test
    void shouldReportFileAndLineWhenAJobLineIsMalformed() throws IOException {
        Path file = write("bad.swf",
                "; MaxNodes: 4",
                "; MaxProcs: 8",
                job(1, 100, "10", 2, 2, 60, -1, 3),
                "2 110 -1 10 2 -1 -1",
                job(3, 120, "10", 2, 2, 60, -1, 3).replaceFirst(" 10 ", " abc "),
                job(4, 130, "10", 2, 2, 60, -1, 3));

        Trace trace = new SwfReader(LENIENT).read(file);

        TraceDiagnostics d = trace.diagnostics();
        assertThat(d.malformedCount()).isEqualTo(2);
        assertThat(d.malformed().get(0).toString()).isEqualTo(file + ":4: expected 18 fields, got 7");
        assertThat(d.malformed().get(1).line()).isEqualTo(5);
        assertThat(d.malformed().get(1).reason()).isEqualTo("field 4 (run time) is not a number: 'abc'");
        assertThat(d.summary()).startsWith("bad.swf: 2 records, 2 jobs, 2 malformed lines (first: " + file + ":4: expected 18 fields, got 7)");
        assertThat(trace.jobs()).extracting(j -> j.request().jobId()).containsExactly(1L, 4L);
    }

    @Test
    void shouldThrowWithFileAndLineWhenStrictAndALineIsMalformed() throws IOException {
        Path file = write("bad.swf",
                "; MaxNodes: 4",
                job(1, 100, "10", 2, 2, 60, -1, 3),
                job(2, 110, "10", 2, 2, 60, -1, 3),
                "3 120 -1 10 2 -1 -1");

        assertThatThrownBy(() -> new SwfReader(STRICT).read(file))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(file + ":4: expected 18 fields, got 7")
                .satisfies(e -> assertThat(((TraceFormatException) e).line()).isEqualTo(4));
    }

    @Test
    void shouldRejectNonNumericFieldWhenStrict() throws IOException {
        Path file = write("bad.swf", job(1, 100, "10", 2, 2, 60, -1, 3).replace(" 60 ", " 1e3 "));

        assertThatThrownBy(() -> new SwfReader(STRICT).read(file))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(file + ":1: field 9 (requested time) is not a number: '1e3'");
    }

    @Test
    void shouldSkipButNotFailWhenValidJobsCannotRunEvenInStrictMode() throws IOException {
        Path file = write("skip.swf",
                "; MaxNodes: 100",
                "; MaxProcs: 100",
                job(1, 0, "50", 120, 120, 60, -1, 1),
                job(2, 5, "0", 4, 4, 60, -1, 1),
                job(3, 6, "30", -1, -1, 60, -1, 1),
                job(4, 7, "30", 4, 4, 60, 9000L * 1024, 1),
                job(5, 8, "30", 4, 4, 60, -1, 1),
                job(6, 9, "30", 130, 130, 60, -1, 1),
                job(7, -1, "30", 4, 4, 60, -1, 1));

        Trace trace = new SwfReader(STRICT).read(file);

        TraceDiagnostics d = trace.diagnostics();
        assertThat(trace.jobs()).extracting(j -> j.request().jobId()).containsExactly(5L);
        assertThat(trace.jobs().getFirst().submitS()).isZero();
        assertThat(d.skippedFor(SwfReader.SKIP_TOO_WIDE)).isEqualTo(2);
        assertThat(d.skippedFor(SwfReader.SKIP_RUNTIME)).isEqualTo(1);
        assertThat(d.skippedFor(SwfReader.SKIP_PROCS)).isEqualTo(1);
        assertThat(d.skippedFor(SwfReader.SKIP_TOO_MUCH_MEMORY)).isEqualTo(1);
        assertThat(d.skippedFor(SwfReader.SKIP_SUBMIT)).isEqualTo(1);
        assertThat(d.skipped().getFirst().first()).isEqualTo(file + ":3: needs 120 processors, cluster has 100");
        assertThat(d.skipped()).extracting(TraceDiagnostics.Skip::reason).containsExactly(
                SwfReader.SKIP_TOO_WIDE, SwfReader.SKIP_RUNTIME, SwfReader.SKIP_PROCS, SwfReader.SKIP_TOO_MUCH_MEMORY,
                SwfReader.SKIP_SUBMIT);
        assertThat(d.malformedCount()).isZero();
        assertThat(d.summary()).contains("6 jobs skipped (2 more processors than the cluster, 1 runtime <= 0, ");
        assertThat(d.report()).contains("needs 9000 MiB per processor, a node has 8192 MiB");
    }

    @Test
    void shouldApplyColumnRulesWhenFieldsAreUnknown() throws IOException {
        Path file = write("rules.swf",
                "; MaxNodes: 8",
                "; MaxProcs: 32",
                job(10, 1000, "100", 6, -1, -1, 3000, 7),
                job(11, 900, "20.2", 2, 3, 50, -1, -1),
                job(12, 1000, "5", 1, 1, 10, 2048, 9));

        Trace trace = new SwfReader(LENIENT).read(file);

        assertThat(trace.jobs()).extracting(j -> j.request().jobId()).containsExactly(11L, 10L, 12L);
        assertThat(trace.jobs()).extracting(SimJob::index).containsExactly(0, 1, 2);
        assertThat(trace.jobs()).extracting(SimJob::submitS).containsExactly(0L, 100L, 100L);
        SimJob shifted = trace.jobs().get(0);
        assertThat(shifted.tasks()).isEqualTo(3);
        assertThat(shifted.runtimeS()).isEqualTo(21);
        assertThat(shifted.request().timeLimitS()).isEqualTo(50);
        assertThat(shifted.request().account()).isEqualTo("unknown");
        assertThat(shifted.task().memMiB()).isZero();
        SimJob unknowns = trace.jobs().get(1);
        assertThat(unknowns.tasks()).isEqualTo(6);
        assertThat(unknowns.request().timeLimitS()).isEqualTo(100);
        assertThat(unknowns.task().memMiB()).isEqualTo(3);
        assertThat(unknowns.request().account()).isEqualTo("u7");
        assertThat(unknowns.sourceLine()).isEqualTo(3);
        assertThat(trace.jobs().get(2).task().memMiB()).isEqualTo(2);
        assertThat(trace.cluster().nodes()).hasSize(8).allSatisfy(n -> {
            assertThat(n.cpuMilli()).isEqualTo(4000);
            assertThat(n.memMiB()).isEqualTo(4 * SwfReader.MIB_PER_CORE);
        });
    }

    @Test
    void shouldDeriveClusterFromLargestJobWhenHeaderLacksMaxNodesAndMaxProcs() throws IOException {
        Path file = write("bare.swf",
                job(1, 0, "10", 3, 3, 60, -1, 1),
                job(2, 10, "10", 16, 16, 60, -1, 1),
                job(3, 20, "10", 5, 5, 60, -1, 1));

        Trace trace = new SwfReader(LENIENT).read(file);

        assertThat(trace.cluster().nodes()).hasSize(16).allSatisfy(n -> assertThat(n.cpuMilli()).isEqualTo(1000));
        assertThat(trace.cluster().nodes().getFirst().name()).isEqualTo("bare-n0001");
        assertThat(trace.diagnostics().notes()).singleElement().asString()
                .contains("no MaxNodes/MaxProcs header").contains("largest job").contains("16 single-core nodes");
        assertThat(trace.diagnostics().summary()).contains("no MaxNodes/MaxProcs header");
        assertThat(trace.size()).isEqualTo(3);
    }

    @Test
    void shouldSpreadLargestJobOverNodesWhenOnlyMaxNodesIsGiven() throws IOException {
        Path file = write("nodes-only.swf", "; MaxNodes: 4", job(1, 0, "10", 10, 10, 60, -1, 1));

        Trace trace = new SwfReader(LENIENT).read(file);

        assertThat(trace.cluster().nodes()).hasSize(4).allSatisfy(n -> assertThat(n.cpuMilli()).isEqualTo(3000));
        assertThat(trace.diagnostics().notes()).singleElement().asString().contains("no MaxProcs header");
    }

    @Test
    void shouldReadGzippedLogWhenNameEndsInGz() throws IOException {
        Path file = dir.resolve("small.swf.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(String.join("\n", "; MaxNodes: 2", "; MaxProcs: 4", job(1, 50, "10", 4, 4, 60, -1, 1),
                    job(2, 60, "10", 2, 2, 60, -1, 1)).getBytes(StandardCharsets.US_ASCII));
        }

        Trace trace = new SwfReader(LENIENT).read(file);

        assertThat(trace.name()).isEqualTo("small");
        assertThat(trace.jobs()).extracting(SimJob::submitS).containsExactly(0L, 10L);
        assertThat(trace.cluster().nodes()).hasSize(2);
    }

    @Test
    void shouldFailNamingTheFileWhenNoJobCanSizeTheCluster() throws IOException {
        Path file = write("empty.swf", "; Computer: nothing", job(1, 0, "0", 2, 2, 60, -1, 1));

        assertThatThrownBy(() -> new SwfReader(LENIENT).read(file))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(file + ": no MaxNodes/MaxProcs header");
    }
}
