package io.teg.node.memory;

import io.teg.node.airlock.Airlock;
import io.teg.node.airlock.AirlockParameters;
import io.teg.node.airlock.AirlockPhase;
import io.teg.node.airlock.EvacuationMode;
import io.teg.node.cgroup.CgroupPath;
import io.teg.node.cgroup.FreezeState;
import io.teg.node.cgroup.JobCgroups;
import io.teg.node.cgroup.SimulatedCgroups;
import io.teg.node.evacuation.Evacuation;
import io.teg.node.evacuation.Evacuator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory guard's translation between cgroups and the airlock, on the simulated cgroups. */
class MemoryGuardTest {

    private static final long MIB = 1L << 20;
    private final SimulatedCgroups cg = new SimulatedCgroups();
    private final CgroupPath j1 = new CgroupPath("teg/job_1");
    private final CgroupPath j2 = new CgroupPath("teg/job_2");
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private final List<String> evacuated = new ArrayList<>();

    private MemoryGuard guard(Map<EvacuationMode, Evacuator> evacuators) {
        return guard(evacuators, false);
    }

    private MemoryGuard guard(Map<EvacuationMode, Evacuator> evacuators, boolean compressedSwap) {
        cg.create(j1);
        cg.create(j2);
        cg.attach(j1, 101);
        cg.attach(j2, 102);
        MemoryGuard g = new MemoryGuard(cg, new Airlock(AirlockParameters.DEFAULTS), evacuators, 1000, compressedSwap, clock);
        g.admit(new Tenant(1, j1, 100, 2.0));
        g.admit(new Tenant(2, j2, 100, 1.0));
        return g;
    }

    private Evacuator recording(String name) {
        return (job, path) -> {
            evacuated.add(name + ":" + job);
            return new Evacuation(job, name, true, 0, "recorded");
        };
    }

    private void both(long mib1, long mib2) {
        now = now.plusMillis(100);
        cg.setUsage(j1, mib1 * MIB);
        cg.setUsage(j2, mib2 * MIB);
    }

    @Test
    void shouldPushTheFrozenWeakersPagesToSwapWhenCompressedSwapIsOn() {
        cg.setSwapRoom(1000 * MIB);
        MemoryGuard g = guard(Map.of(EvacuationMode.REQUEUE, recording("requeue")), true);
        both(450, 450);
        g.tick();
        both(475, 475);
        g.tick();
        assertThat(cg.freezeState(j2)).isEqualTo(FreezeState.FROZEN);
        assertThat(cg.swapped(j2)).isEqualTo(475 * MIB);
        assertThat(cg.swapped(j1)).as("the stronger keeps its pages").isZero();
        assertThat(g.swapPushes()).singleElement().satisfies(p -> assertThat(p.pushedBytes()).isEqualTo(475 * MIB));
    }

    @Test
    void shouldNotPushAnythingWhenCompressedSwapIsOff() {
        cg.setSwapRoom(1000 * MIB);
        MemoryGuard g = guard(Map.of(EvacuationMode.REQUEUE, recording("requeue")));
        both(450, 450);
        g.tick();
        both(475, 475);
        g.tick();
        assertThat(cg.freezeState(j2)).isEqualTo(FreezeState.FROZEN);
        assertThat(cg.swapped(j2)).isZero();
        assertThat(g.swapPushes()).isEmpty();
    }

    @Test
    void shouldSetThresholdsFreezeTheWeakerAndEvacuateItWhenBothJobsPressOnAFullNode() {
        MemoryGuard g = guard(Map.of(EvacuationMode.REQUEUE, recording("requeue")));
        both(450, 450);
        g.tick();
        assertThat(g.state().phase()).isEqualTo(AirlockPhase.GLASSY);
        assertThat(cg.memory(j1).highBytes()).isEqualTo(475 * MIB); // U = 950, headroom 50 shared by two
        both(475, 475);                                              // both reach their thresholds, still growing
        g.tick();
        assertThat(g.state().phase()).isEqualTo(AirlockPhase.WEAKER_FROZEN);
        assertThat(cg.freezeState(j2)).isEqualTo(FreezeState.FROZEN);
        assertThat(cg.freezeState(j1)).isEqualTo(FreezeState.THAWED);
        both(476, 475);
        g.tick();
        assertThat(g.state().phase()).isEqualTo(AirlockPhase.EVACUATING);
        assertThat(evacuated).as("no checkpoint evacuator: the next harder one").containsExactly("requeue:2");

        cg.exit(j2, 102);                                            // job 2 has left
        both(476, 0);
        g.tick();
        assertThat(g.state().phase().engaged()).isFalse();
        assertThat(g.tenantIds()).containsExactly(1L);
        assertThat(cg.freezeState(j1)).isEqualTo(FreezeState.THAWED);
        assertThat(g.episodes()).singleElement().satisfies(e -> {
            assertThat(e.strongerId()).isEqualTo(1);
            assertThat(e.evacuated()).containsExactly(2L);
            assertThat(e.duration()).isEqualTo(Duration.ofMillis(200));
        });
    }

    @Test
    void shouldFindOwnAndSlurmJobCgroupsWhenDiscovering() {
        cg.create(new CgroupPath("slurm/uid_1000/job_77/step_0"));
        cg.create(new CgroupPath("teg/job_5"));
        cg.create(new CgroupPath("teg/other"));
        JobCgroups jobs = new JobCgroups(cg, new CgroupPath("teg"));
        assertThat(jobs.discover()).containsExactly(
                new JobCgroups.Found(77, new CgroupPath("slurm/uid_1000/job_77"), true),
                new JobCgroups.Found(5, new CgroupPath("teg/job_5"), false));
        assertThat(jobs.locate(9).path()).isEqualTo(new CgroupPath("teg/job_9"));
    }
}
