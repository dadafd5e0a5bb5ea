package io.teg.sim.trace;

import io.teg.sim.ClusterSpec;
import io.teg.sim.Qos;
import io.teg.sim.SimJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlibabaTraceReaderTest {

    private static final String POD_HEADER =
            "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time";
    private static final String NODE_HEADER = "sn,cpu_milli,memory_mib,gpu,model";

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** Nodes: model A (id 0) with 4 GPUs, B (id 1) with 8, C (id 2) with 2, and a CPU-only node. */
    private void writeNodes() throws IOException {
        write(AlibabaTraceReader.DEFAULT_NODE_LIST, NODE_HEADER,
                "node-a,64000,262144,4,A",
                "node-b,96000,393216,8,B",
                "node-c,32000,131072,2,C",
                "node-cpu,32000,131072,0,");
    }

    /** Reads with censored runtimes kept as recorded (their treatment is CensoredRuntimesTest's). */
    private static Trace read(Path file, long seed) throws IOException {
        return new AlibabaTraceReader(TraceOptions.defaults().withSeed(seed).withCensored(CensoredRuntimes.KEEP)).read(file);
    }

    @Test
    void shouldReadDefaultPodListIntoGangsWhenPodsShareCreationTimeAndShape() throws IOException {
        Trace trace = read(BundledData.alibaba("openb_pod_list_default.csv"), 1);

        TraceDiagnostics d = trace.diagnostics();
        assertThat(d.recordsRead()).isEqualTo(8152);
        assertThat(d.linesRead()).isEqualTo(8153);
        assertThat(d.malformedCount()).isZero();
        assertThat(d.skippedCount()).isZero();
        assertThat(d.notes()).contains("1 pod ended at or before it started: runtime set to 1 s");
        assertThat(trace.size()).isEqualTo(7991);
        assertThat(trace.jobs().stream().mapToInt(SimJob::tasks).sum()).isEqualTo(8152);
        Map<Integer, Long> bySize = trace.jobs().stream().collect(Collectors.groupingBy(SimJob::tasks, Collectors.counting()));
        assertThat(bySize).containsExactlyInAnyOrderEntriesOf(Map.of(1, 7846L, 2, 130L, 3, 14L, 4, 1L));
        assertThat(trace.jobs().stream().mapToLong(SimJob::runtimeS).sum()).isEqualTo(207_236_380L);
        Map<Qos, Long> byQos = trace.jobs().stream().collect(Collectors.groupingBy(SimJob::qos, Collectors.counting()));
        assertThat(byQos).containsExactlyInAnyOrderEntriesOf(Map.of(Qos.GUARANTEED, 4581L, Qos.BEST_EFFORT, 3310L, Qos.BURSTABLE, 100L));
        assertThat(trace.jobs()).allSatisfy(j -> assertThat(j.request().timeLimitS()).isEqualTo(j.runtimeS()));

        ClusterSpec cluster = trace.cluster();
        assertThat(cluster.nodes()).hasSize(1523);
        assertThat(cluster.totalGpus()).isEqualTo(6212);
        assertThat(cluster.gpuModels()).containsExactly("P100", "G3", "V100M32", "V100M16", "G2", "T4", "A10");
        assertThat(cluster.name()).isEqualTo("openb_node_list_all_node");
    }

    @Test
    void shouldTakeShapeTimesAndIdsFromPodsWhenReadingTheDefaultList() throws IOException {
        Trace trace = read(BundledData.alibaba("openb_pod_list_default.csv"), 1);
        Map<Long, SimJob> byId = trace.jobs().stream().collect(Collectors.toMap(j -> j.request().jobId(), Function.identity()));

        SimJob gang = byId.get(2906L);
        assertThat(gang.tasks()).isEqualTo(4);
        assertThat(gang.sourceLine()).isEqualTo(2908);
        assertThat(gang.runtimeS()).isEqualTo(176);
        assertThat(gang.qos()).isEqualTo(Qos.BEST_EFFORT);
        assertThat(gang.task().cpuMilli()).isEqualTo(32000);
        assertThat(gang.task().memMiB()).isEqualTo(49152);
        assertThat(gang.task().gpus()).isZero();
        assertThat(byId).doesNotContainKeys(2907L, 2908L, 2909L);

        SimJob wide = byId.get(17L);
        assertThat(wide.submitS()).isEqualTo(9_437_497L);
        assertThat(wide.runtimeS()).isEqualTo(10_769_854L - 9_437_497L);
        assertThat(wide.task().gpus()).isEqualTo(8);
        assertThat(wide.task().gpuMilli()).isEqualTo(1000);
        assertThat(wide.task().gpuModelMask()).isZero();
        assertThat(wide.qos()).isEqualTo(Qos.BURSTABLE);

        SimJob share = byId.get(1L);
        assertThat(share.task().gpus()).isEqualTo(1);
        assertThat(share.task().gpuMilli()).isEqualTo(460);
        assertThat(share.task().sharesGpu()).isTrue();
        assertThat(share.submitS()).isEqualTo(427_061L);
        assertThat(share.runtimeS()).isEqualTo(12_902_960L - 427_061L);
    }

    @Test
    void shouldJoinTimesByNameWhenPodListHasNoTimeColumns() throws IOException {
        AlibabaTraceReader reader = new AlibabaTraceReader(TraceOptions.defaults().withCensored(CensoredRuntimes.KEEP));
        List<AlibabaTraceReader.Pod> pods = reader.readPods(BundledData.alibaba("openb_pod_list_multigpu50.csv"));
        List<AlibabaTraceReader.Pod> defaults = reader.readPods(BundledData.alibaba("openb_pod_list_default.csv"));

        assertThat(pods).hasSize(9061);
        assertThat(pods.subList(0, 8152)).allSatisfy(p -> assertThat(p.timesFrom()).isEqualTo("joined"));
        assertThat(pods.subList(8152, 9061)).allSatisfy(p -> assertThat(p.timesFrom()).isEqualTo("template"));
        AlibabaTraceReader.Pod p17 = pods.get(17);
        assertThat(p17.name()).isEqualTo("openb-pod-0017");
        assertThat(List.of(p17.creationS(), p17.scheduledS(), p17.deletionS())).containsExactly(9_437_497L, 9_437_497L, 10_769_854L);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 8152; i++) {
            AlibabaTraceReader.Pod p = pods.get(i);
            AlibabaTraceReader.Pod d = defaults.get(i);
            if (!p.name().equals(d.name()) || !times(p).equals(times(d))) mismatches.add(p + " vs " + d);
        }
        assertThat(mismatches).isEmpty();
        Set<List<Object>> defaultTimesByGpus = new HashSet<>();
        for (AlibabaTraceReader.Pod p : defaults) defaultTimesByGpus.add(List.of(p.numGpu(), times(p)));
        for (AlibabaTraceReader.Pod p : pods.subList(8152, 9061))
            if (!defaultTimesByGpus.contains(List.of(p.numGpu(), times(p)))) mismatches.add(p.toString());
        assertThat(mismatches).as("added pods whose times are no default pod's with the same num_gpu").isEmpty();

        Trace trace = reader.read(BundledData.alibaba("openb_pod_list_multigpu50.csv"));
        assertThat(trace.diagnostics().recordsRead()).isEqualTo(9061);
        assertThat(trace.size()).isEqualTo(8199);
        assertThat(trace.jobs().stream().filter(j -> j.request().isGang())).hasSize(342);
        assertThat(trace.jobs().stream().mapToLong(SimJob::runtimeS).sum()).isEqualTo(219_063_778L);
        assertThat(trace.jobs().stream().mapToInt(SimJob::tasks).sum()).isEqualTo(9061);
        assertThat(trace.jobs()).allSatisfy(j -> {
            assertThat(j.runtimeS()).isBetween(1L, 12_902_960L);
            assertThat(j.submitS()).isBetween(0L, 12_902_960L);
            assertThat(j.qos()).isEqualTo(Qos.GUARANTEED);
        });
        assertThat(trace.jobs().stream().filter(j -> j.task().gpus() == 8).mapToInt(SimJob::tasks).sum()).isEqualTo(556);
        assertThat(trace.diagnostics().notes()).anyMatch(n -> n.contains("times of 8152 pods joined by name")
                && n.contains("909 pods not in it"));
    }

    private static List<Long> times(AlibabaTraceReader.Pod p) {
        return List.of(p.creationS(), p.scheduledS(), p.deletionS());
    }

    @Test
    void shouldGiveIdenticalTraceWhenSeedIsTheSame() throws IOException {
        Path multi = BundledData.alibaba("openb_pod_list_multigpu50.csv");

        Trace a = read(multi, 7);
        Trace b = read(multi, 7);

        assertThat(a.jobs()).isEqualTo(b.jobs());
        assertThat(a.size()).isEqualTo(8187);
        assertThat(a.jobs().stream().filter(j -> j.request().isGang())).hasSize(348);
        assertThat(a.cluster()).isEqualTo(b.cluster());
    }

    @Test
    void shouldDifferOnlyInAddedPodsWhenSeedDiffers() throws IOException {
        Path multi = BundledData.alibaba("openb_pod_list_multigpu50.csv");

        List<AlibabaTraceReader.Pod> a = new AlibabaTraceReader(TraceOptions.defaults().withSeed(1)).readPods(multi);
        List<AlibabaTraceReader.Pod> b = new AlibabaTraceReader(TraceOptions.defaults().withSeed(2)).readPods(multi);

        assertThat(a.subList(0, 8152)).isEqualTo(b.subList(0, 8152));
        long differing = 0;
        for (int i = 8152; i < a.size(); i++) if (!a.get(i).equals(b.get(i))) differing++;
        assertThat(differing).isGreaterThan(100);
        assertThat(read(multi, 1).jobs()).isNotEqualTo(read(multi, 2).jobs());
    }

    @Test
    void shouldMapGpuSpecToModelMaskWhenModelsArePresent() throws IOException {
        writeNodes();
        Path pods = write("pods.csv", POD_HEADER,
                "p-1,1000,1024,1,500,B|C,LS,Running,0,100,0",
                "p-2,1000,1024,1,500,nan,LS,Running,1,100,1",
                "p-3,1000,1024,2,1000,,LS,Running,2,100,2",
                "p-4,1000,1024,1,1000,Z|A,LS,Running,3,100,3",
                "p-5,1000,1024,1,1000,Z,LS,Running,4,100,4",
                "p-6,1000,1024,0,0,A,LS,Running,5,100,5",
                "p-7,1000,1024,4,1000,C,LS,Running,6,100,6");

        Trace trace = read(pods, 1);

        Map<Long, Long> masks = trace.jobs().stream().collect(Collectors.toMap(j -> j.request().jobId(), j -> j.task().gpuModelMask()));
        assertThat(masks).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 0b110L, 2L, 0L, 3L, 0L, 4L, 0b001L, 6L, 0L));
        TraceDiagnostics d = trace.diagnostics();
        assertThat(d.skippedFor(AlibabaTraceReader.SKIP_GPU_SPEC)).isEqualTo(1);
        assertThat(d.skippedFor(AlibabaTraceReader.SKIP_NO_NODE)).isEqualTo(1);
        assertThat(d.skipped().get(0).first()).isEqualTo(pods + ":6: gpu_spec 'Z' names none of the cluster's models [A, B, C]");
        assertThat(d.skipped().get(1).first()).startsWith(pods + ":8: a task needs 1000 mCPU, 1024 MiB and 4 GPUs of C");
        assertThat(trace.cluster().gpuModels()).containsExactly("A", "B", "C");
    }

    @Test
    void shouldMapQosWhenClassNamesVary() throws IOException {
        writeNodes();
        Path pods = write("pods.csv", POD_HEADER,
                "p-1,1000,1024,0,0,,LS,Running,0,100,0",
                "p-2,1000,1024,0,0,,Guaranteed,Running,1,100,1",
                "p-3,1000,1024,0,0,,Burstable,Running,2,100,2",
                "p-4,1000,1024,0,0,,BE,Running,3,100,3",
                "p-5,1000,1024,0,0,,,Running,4,100,4");

        Trace trace = read(pods, 1);

        assertThat(trace.jobs()).extracting(SimJob::qos).containsExactly(
                Qos.GUARANTEED, Qos.GUARANTEED, Qos.BURSTABLE, Qos.BEST_EFFORT, Qos.GUARANTEED);
        assertThat(trace.jobs()).extracting(j -> j.request().account()).containsOnly(AlibabaTraceReader.ACCOUNT);
    }

    @Test
    void shouldFormOneGangWhenPodsShareCreationTimeAndShape() throws IOException {
        writeNodes();
        Path pods = write("pods.csv", POD_HEADER,
                "w-1,8000,16384,1,1000,,LS,Running,500,900,600",
                "w-2,8000,16384,1,1000,,LS,Running,500,1500,",
                "other-3,8000,16384,1,1000,,BE,Running,500,700,500",
                "w-4,8000,16384,1,1000,,LS,Running,500,800,510",
                "late-5,8000,16384,1,1000,,LS,Running,501,800,501",
                "first-6,4000,8192,0,0,,LS,Running,200,250,210");

        Trace trace = read(pods, 1);

        assertThat(trace.jobs()).extracting(j -> j.request().jobId()).containsExactly(6L, 1L, 3L, 5L);
        assertThat(trace.jobs()).extracting(SimJob::submitS).containsExactly(0L, 300L, 300L, 301L);
        assertThat(trace.jobs()).extracting(SimJob::tasks).containsExactly(1, 3, 1, 1);
        SimJob gang = trace.jobs().get(1);
        assertThat(gang.runtimeS()).isEqualTo(1000);
        assertThat(gang.sourceLine()).isEqualTo(2);
        assertThat(gang.request().isGang()).isTrue();
        assertThat(trace.jobs().get(0).runtimeS()).isEqualTo(40);
        assertThat(trace.diagnostics().recordsRead()).isEqualTo(6);
        assertThat(trace.diagnostics().jobsKept()).isEqualTo(4);
    }

    @Test
    void shouldUseNodesFileWhenOptionNamesOne() throws IOException {
        Path nodes = write("my-nodes.csv", NODE_HEADER, "big,128000,1048576,8,H100");
        Path pods = write("pods.csv", POD_HEADER, "p-1,1000,1024,8,1000,H100,LS,Running,0,100,0");

        Trace trace = new AlibabaTraceReader(TraceOptions.defaults().withNodesFile(nodes)).read(pods);

        assertThat(trace.cluster().name()).isEqualTo("my-nodes");
        assertThat(trace.cluster().gpuModels()).containsExactly("H100");
        assertThat(trace.jobs()).singleElement().satisfies(j -> assertThat(j.task().gpuModelMask()).isEqualTo(1L));
    }

    @Test
    void shouldNameMissingNodeListWhenItIsAbsent() throws IOException {
        Path pods = write("pods.csv", POD_HEADER, "p-1,1000,1024,0,0,,LS,Running,0,100,0");

        assertThatThrownBy(() -> read(pods, 1))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(dir.resolve(AlibabaTraceReader.DEFAULT_NODE_LIST).toAbsolutePath().toString())
                .hasMessageContaining("--nodes-file");
    }

    @Test
    void shouldNameDefaultPodListWhenTimesAreMissingAndItIsAbsent() throws IOException {
        writeNodes();
        Path pods = write("sample.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli", "p-1,1000,1024,0,0");

        assertThatThrownBy(() -> read(pods, 1))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(dir.resolve(AlibabaTraceReader.DEFAULT_POD_LIST).toAbsolutePath().toString())
                .hasMessageContaining("sample.csv has no time columns");
    }

    @Test
    void shouldDrawTemplateTimesFromPodsWithSameGpuCountWhenNameIsNotInDefaultList() throws IOException {
        writeNodes();
        write(AlibabaTraceReader.DEFAULT_POD_LIST, POD_HEADER,
                "d-1,1000,1024,0,0,,LS,Running,10,20,11",
                "d-2,1000,1024,2,1000,,LS,Running,30,90,40",
                "d-3,1000,1024,1,500,,LS,Running,50,60,");
        Path pods = write("sample.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli",
                "d-3,2000,2048,1,500",
                "new-1,4000,4096,2,1000",
                "new-2,4000,4096,8,1000");

        List<AlibabaTraceReader.Pod> joined = new AlibabaTraceReader(TraceOptions.defaults()).readPods(pods);

        assertThat(joined).extracting(AlibabaTraceReader.Pod::timesFrom).containsExactly("joined", "template", "template");
        assertThat(times(joined.get(0))).containsExactly(50L, -1L, 60L);
        assertThat(joined.get(0).cpuMilli()).isEqualTo(2000);
        assertThat(times(joined.get(1))).containsExactly(30L, 40L, 90L);
        Trace trace = read(pods, 1);
        assertThat(trace.diagnostics().notes()).anyMatch(n -> n.contains("1 of them of any num_gpu"));
        assertThat(trace.jobs()).filteredOn(j -> j.request().jobId() == 3).singleElement()
                .satisfies(j -> assertThat(j.runtimeS()).isEqualTo(10));
    }

    @Test
    void shouldCountMalformedPodLinesWhenLenientAndThrowWhenStrict() throws IOException {
        writeNodes();
        Path pods = write("pods.csv", POD_HEADER,
                "p-1,1000,1024,0,0,,LS,Running,0,100,0",
                "p-2,1000,1024,0,0,,LS,Running,0,100",
                "p-3,1000,many,0,0,,LS,Running,0,100,0",
                "p-4,1000,1024,1,0,,LS,Running,0,100,0",
                "p-5,1000,1024,0,0,,Gold,Running,0,100,0",
                "p-6,1000,1024,0,0,,LS,Running,,100,0");

        Trace trace = read(pods, 1);

        TraceDiagnostics d = trace.diagnostics();
        assertThat(trace.size()).isEqualTo(1);
        assertThat(d.malformed()).extracting(Object::toString).containsExactly(
                pods + ":3: expected 11 fields, got 10",
                pods + ":4: memory_mib is not a whole number: 'many'",
                pods + ":5: gpu_milli must be in 1..1000 for a pod with one GPU, got 0",
                pods + ":6: unknown qos 'Gold' (expected LS, Guaranteed, Burstable or BE)",
                pods + ":7: no creation_time");
        assertThatThrownBy(() -> new AlibabaTraceReader(TraceOptions.defaults().withStrict(true)).read(pods))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(pods + ":3: expected 11 fields, got 10");
    }

    @Test
    void shouldFailNamingHeaderLineWhenRequiredColumnIsMissing() throws IOException {
        writeNodes();
        Path pods = write("pods.csv", "name,cpu_milli,num_gpu,gpu_milli,creation_time,deletion_time", "p-1,1000,0,0,0,10");

        assertThatThrownBy(() -> read(pods, 1))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(pods + ":1: header lacks column memory_mib");
    }
}
