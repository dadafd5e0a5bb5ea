package io.teg.node.evacuation;

import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.FreezeState;
import io.teg.node.cgroup.HybridCgroups;
import io.teg.node.cgroup.NodeCgroupFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The evacuators on a real frozen job cgroup with a real process, and real commands. */
class EvacuatorsIT {

    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void shouldThawRunTheCheckpointCommandThenKillWhenCheckpointing() throws Exception {
        CgroupController cg = HybridCgroups.detect();
        try (NodeCgroupFixture node = new NodeCgroupFixture(cg, "ckpt", 256 * MIB)) {
            var job = node.start(41, 8, 4, 10, 60_000);
            cg.freeze(job.path());
            Path marker = dir.resolve("checkpointed");
            CheckpointCommand ckpt = new CheckpointCommand(cg, CommandRunner.system(30),
                    List.of("sh", "-c", "echo {job} {cgroup} > " + marker));
            Evacuation e = ckpt.evacuate(41, job.path());
            assertThat(e.accepted()).as(e.detail()).isTrue();
            assertThat(e.killedPids()).isEqualTo(1);
            assertThat(Files.readString(marker).trim()).isEqualTo("41 " + job.path());
            assertThat(job.awaitExit(10)).isEqualTo(137);
            assertThat(cg.freezeState(job.path())).isEqualTo(FreezeState.THAWED);
        }
    }

    @Test
    void shouldKillTheJobAndSaySoWhenScontrolRequeueFails() throws Exception {
        CgroupController cg = HybridCgroups.detect();
        try (NodeCgroupFixture node = new NodeCgroupFixture(cg, "requeue_fail", 256 * MIB)) {
            var job = node.start(42, 8, 4, 10, 60_000);
            cg.freeze(job.path());
            Path scontrol = dir.resolve("scontrol");
            Files.writeString(scontrol, "#!/bin/sh\necho \"slurm_requeue error: Job is not requeueable: $2\" >&2\nexit 1\n");
            scontrol.toFile().setExecutable(true);
            Evacuation e = new SlurmRequeue(cg, CommandRunner.system(30), scontrol.toString()).evacuate(42, job.path());
            assertThat(e.accepted()).isFalse();
            assertThat(e.detail()).contains("scontrol requeue 42 exited 1", "not requeueable: 42", "killed 1 processes");
            assertThat(job.awaitExit(10)).isEqualTo(137);
        }
    }

    @Test
    void shouldLeaveTheJobToSlurmAndThawItWhenScontrolAcceptsTheRequeue() throws Exception {
        CgroupController cg = HybridCgroups.detect();
        try (NodeCgroupFixture node = new NodeCgroupFixture(cg, "requeue_ok", 256 * MIB)) {
            var job = node.start(43, 8, 4, 10, 60_000);
            cg.freeze(job.path());
            Path log = dir.resolve("scontrol.log");
            Path scontrol = dir.resolve("scontrol");
            Files.writeString(scontrol, "#!/bin/sh\necho \"$@\" > " + log + "\nexit 0\n");
            scontrol.toFile().setExecutable(true);
            Evacuation e = new SlurmRequeue(cg, CommandRunner.system(30), scontrol.toString()).evacuate(43, job.path());
            assertThat(e.accepted()).isTrue();
            assertThat(Files.readString(log).trim()).isEqualTo("requeue 43");
            assertThat(cg.freezeState(job.path())).isEqualTo(FreezeState.THAWED);
            assertThat(job.process().waitFor(200, TimeUnit.MILLISECONDS)).as("slurmstepd, not the agent, ends the job").isFalse();
        }
    }
}
