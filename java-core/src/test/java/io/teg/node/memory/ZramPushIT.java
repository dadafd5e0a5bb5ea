package io.teg.node.memory;

import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.FreezeState;
import io.teg.node.cgroup.HybridCgroups;
import io.teg.node.cgroup.NodeCgroupFixture;
import io.teg.node.cgroup.SwapPush;
import io.teg.node.evacuation.CommandRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compressed swap on the machine's real zram device, set up by the agent's own code: a frozen memhog job's pages are
 * pushed out (its charged memory drops, its swap and zram's stored data rise), then the job is thawed and finishes
 * with every page holding what it wrote. The zram device must be free (disksize 0) at the start; it is taken down
 * again (swapoff, reset) whatever happens.
 */
class ZramPushIT {

    private static final long MIB = 1L << 20;
    private static final long JOB_MIB = 96;
    private static final ZramSettings ZRAM = new ZramSettings("zram0", 256 * MIB, "lzo-rle", 100);

    /** The "swap" line of a v1 memory.stat (bytes of the cgroup in swap). */
    private static long swapBytes(Path memoryStat) throws Exception {
        for (String l : Files.readAllLines(memoryStat)) if (l.startsWith("swap ")) return Long.parseLong(l.substring(5).trim());
        throw new AssertionError("no swap line in " + memoryStat + " (swap accounting off?)");
    }

    /** zram's mm_stat orig_data_size: uncompressed bytes stored. */
    private static long zramStored() throws Exception {
        return Long.parseLong(Files.readString(Path.of("/sys/block/zram0/mm_stat")).trim().split("\\s+")[0]);
    }

    @Test
    void shouldPushAFrozenJobsPagesToZramAndLetItFinishIntactWhenThawed() throws Exception {
        CgroupController cgroups = HybridCgroups.detect();
        ZramSwap zram = ZramSwap.setUp(ZRAM, Path.of("/sys/block"), Path.of("/proc/swaps"), CommandRunner.system(60));
        try (NodeCgroupFixture node = new NodeCgroupFixture(cgroups, "zram", 512 * MIB)) {
            assertThat(zram.active()).as("zram set up: %s", zram.detail()).isTrue();
            assertThat(zram.owned()).as("set up by the agent, not found: %s", zram.detail()).isTrue();
            assertThat(Files.readString(Path.of("/proc/swaps"))).contains("/dev/zram0");

            var job = node.start(1, JOB_MIB, 16, 1, 5000);
            job.go();
            while (job.process().isAlive() && cgroups.memory(job.path()).usageBytes() < JOB_MIB * MIB) Thread.sleep(10);
            cgroups.freeze(job.path());
            while (job.process().isAlive() && cgroups.freezeState(job.path()) != FreezeState.FROZEN) Thread.sleep(10);
            assertThat(job.process().isAlive()).as("memhog still holding its pages when frozen").isTrue();

            Path stat = Path.of("/sys/fs/cgroup/memory").resolve(job.path().relative()).resolve("memory.stat");
            long swapBefore = swapBytes(stat);
            long storedBefore = zramStored();
            long limitBefore = cgroups.memory(job.path()).limitBytes();
            SwapPush push = cgroups.pushToSwap(job.path());
            System.out.printf("push: %s; swap %d -> %d bytes; zram stored %d -> %d bytes%n", push, swapBefore,
                    swapBytes(stat), storedBefore, zramStored());

            assertThat(push.beforeBytes()).isGreaterThanOrEqualTo(JOB_MIB * MIB);
            assertThat(push.pushedBytes()).as("charged memory left for zram: %s", push).isGreaterThan(JOB_MIB * MIB * 3 / 4);
            assertThat(cgroups.memory(job.path()).usageBytes()).isLessThan(JOB_MIB * MIB / 4);
            assertThat(swapBytes(stat) - swapBefore).as("the job's swap").isGreaterThan(JOB_MIB * MIB * 3 / 4);
            assertThat(zramStored() - storedBefore).as("zram orig_data_size").isGreaterThan(JOB_MIB * MIB * 3 / 4);
            assertThat(cgroups.memory(job.path()).limitBytes()).as("the limit is put back").isEqualTo(limitBefore);

            cgroups.thaw(job.path());
            assertThat(job.awaitExit(60)).as("memhog exit: 0 = every page held what it wrote (4 = corrupted)").isZero();
            assertThat(cgroups.memory(job.path()).oomKills()).isZero();
        } finally {
            assertThat(zram.tearDown()).isEmpty();
            assertThat(Files.readString(Path.of("/proc/swaps"))).doesNotContain("/dev/zram0");
            assertThat(Files.readString(Path.of("/sys/block/zram0/disksize")).trim()).isEqualTo("0");
        }
    }

    @Test
    void shouldSayWhyAndLeaveTheDeviceAloneWhenTheAlgorithmIsNotOffered() throws Exception {
        ZramSwap zram = ZramSwap.setUp(new ZramSettings("zram0", 64 * MIB, "nosuch", 100), Path.of("/sys/block"),
                Path.of("/proc/swaps"), CommandRunner.system(60));
        assertThat(zram.active()).isFalse();
        assertThat(zram.detail()).contains("zram.algorithm: nosuch is not offered by /sys/block/zram0/comp_algorithm");
        assertThat(Files.readString(Path.of("/sys/block/zram0/disksize")).trim()).isEqualTo("0");
        assertThat(zram.tearDown()).isEmpty();
    }
}
