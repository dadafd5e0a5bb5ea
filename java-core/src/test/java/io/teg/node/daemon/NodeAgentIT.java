package io.teg.node.daemon;

import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.HybridCgroups;
import io.teg.node.cgroup.NodeCgroupFixture;
import io.teg.node.sensor.InMemoryTelemetrySink;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole daemon on real cgroups: it finds two job cgroups under its own root by itself, and its control loop
 * (glassy state, airlock, kill-and-requeue evacuator from {@code evacuation.requeue=record}) keeps both from an OOM
 * kill under the node limit: the weaker (equal strengths: the younger, job 2) leaves, job 1 completes.
 */
class NodeAgentIT {

    private static final long MIB = 1L << 20;

    @Test
    void shouldFindTheJobCgroupsAndEvacuateTheWeakerWhenTwoJobsOutgrowTheNode() throws Exception {
        CgroupController cgroups = HybridCgroups.detect();
        try (NodeCgroupFixture node = new NodeCgroupFixture(cgroups, "agent", 256 * MIB)) {
            AgentConfig config = AgentConfig.parse(List.of("cgroup.own-root=" + node.node, "memory.capacity-mib=256",
                    "control-interval-ms=10", "evacuation.requeue=record", "nvml.enabled=false",
                    // the default glassy line, near C_max (see AirlockOnRealProcessesIT.PARAMETERS for the margin)
                    "airlock.glassy-enter-fraction=0.9", "airlock.glassy-exit-fraction=0.8"), Path.of("it.conf"));
            var j1 = node.start(1, 170, 4, 30, NodeCgroupFixture.OVERLAP_HOLD_MILLIS);
            var j2 = node.start(2, 170, 4, 32, NodeCgroupFixture.OVERLAP_HOLD_MILLIS);
            InMemoryTelemetrySink sink = new InMemoryTelemetrySink(16);
            try (NodeAgent agent = NodeAgent.create(config, sink, InstantSource.system()).start()) {
                while (!agent.jobsWatched().containsAll(List.of(1L, 2L))) Thread.sleep(5);
                j1.go();
                j2.go();
                int e1 = j1.awaitExit(60);
                int e2 = j2.awaitExit(60);
                long oomKills = cgroups.memory(node.node).oomKills() + cgroups.memory(j1.path()).oomKills()
                        + cgroups.memory(j2.path()).oomKills();
                System.out.printf("agent IT: exits %d, %d; oom kills %d; evacuations %s; degraded %s%n", e1, e2, oomKills,
                        agent.memoryGuard().orElseThrow().evacuations(), agent.degraded());
                assertThat(e1).as("job 1 completes").isZero();
                assertThat(e2).as("job 2 evacuated by SIGKILL").isEqualTo(137);
                assertThat(oomKills).isZero();
                assertThat(agent.memoryGuard().orElseThrow().evacuations()).singleElement()
                        .satisfies(ev -> assertThat(ev.jobId()).isEqualTo(2));
                assertThat(agent.degraded()).anySatisfy(d -> assertThat(d).contains("NVML disabled"));
                assertThat(agent.samplesTaken()).isPositive();
            }
        }
    }

    @Test
    void shouldSetUpZramPushTheFrozenWeakerThereAndTakeZramDownAtExitWhenConfigAllowsIt() throws Exception {
        CgroupController cgroups = HybridCgroups.detect();
        try (NodeCgroupFixture node = new NodeCgroupFixture(cgroups, "agentzram", 256 * MIB)) {
            AgentConfig config = AgentConfig.parse(List.of("cgroup.own-root=" + node.node, "memory.capacity-mib=256",
                    "control-interval-ms=10", "evacuation.requeue=record", "nvml.enabled=false",
                    "zram.allowed=true", "zram.size-mib=256", "zram.algorithm=lzo-rle"), Path.of("it.conf"));
            var j1 = node.start(1, 170, 4, 30, NodeCgroupFixture.OVERLAP_HOLD_MILLIS);
            var j2 = node.start(2, 170, 4, 32, NodeCgroupFixture.OVERLAP_HOLD_MILLIS);
            try (NodeAgent agent = NodeAgent.create(config, new InMemoryTelemetrySink(4), InstantSource.system()).start()) {
                var zram = agent.zram().orElseThrow();
                assertThat(zram.active()).as(zram.detail()).isTrue();
                assertThat(zram.owned()).as(zram.detail()).isTrue();
                assertThat(java.nio.file.Files.readString(Path.of("/proc/swaps"))).contains("/dev/zram0");
                while (!agent.jobsWatched().containsAll(List.of(1L, 2L))) Thread.sleep(5);
                j1.go();
                j2.go();
                int e1 = j1.awaitExit(60);
                int e2 = j2.awaitExit(60);
                var guard = agent.memoryGuard().orElseThrow();
                System.out.printf("agent zram IT: exits %d, %d; pushes %s; evacuations %s%n", e1, e2, guard.swapPushes(),
                        guard.evacuations());
                assertThat(e1).as("job 1 completes with its pages intact").isZero();
                assertThat(e2).as("job 2 evacuated by SIGKILL").isEqualTo(137);
                assertThat(cgroups.memory(node.node).oomKills() + cgroups.memory(j1.path()).oomKills()
                        + cgroups.memory(j2.path()).oomKills()).isZero();
                assertThat(guard.swapPushes()).as("the frozen weaker's pages went to zram").singleElement()
                        .satisfies(p -> assertThat(p.pushedBytes()).isGreaterThan(64 * MIB));
            }
            assertThat(java.nio.file.Files.readString(Path.of("/proc/swaps"))).as("taken down at exit").doesNotContain("/dev/zram0");
            assertThat(java.nio.file.Files.readString(Path.of("/sys/block/zram0/disksize")).trim()).isEqualTo("0");
        }
    }
}
