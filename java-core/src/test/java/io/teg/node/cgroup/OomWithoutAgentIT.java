package io.teg.node.cgroup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem the agent solves, on real processes: two jobs under a node memory limit that cannot hold both, and no
 * agent. The kernel's OOM killer kills one of them with SIGKILL.
 */
class OomWithoutAgentIT {

    private static final long MIB = 1L << 20;

    @Test
    void shouldOomKillOneJobWithSigkillWhenTwoJobsOutgrowTheNodeLimitWithoutTheAgent() throws Exception {
        CgroupController cgroups = HybridCgroups.detect();
        try (NodeCgroupFixture node = new NodeCgroupFixture(cgroups, "oom", 192 * MIB)) {
            var a = node.start(1, 128, 8, 20, 500);
            var b = node.start(2, 128, 8, 20, 500);
            a.go();
            b.go();
            int exitA = a.awaitExit(60);
            int exitB = b.awaitExit(60);

            MemoryReading nodeMem = cgroups.memory(node.node);
            long oomKills = cgroups.memory(a.path()).oomKills() + cgroups.memory(b.path()).oomKills();
            System.out.printf("without agent: exits %d and %d; node %s; job oom_kill total %d%n",
                    exitA, exitB, nodeMem, oomKills);

            assertThat(new int[] {exitA, exitB}).as("one job killed by SIGKILL (137), the other completed (0)")
                    .containsExactlyInAnyOrder(0, 137);
            assertThat(nodeMem.failcnt()).as("node memory.failcnt").isPositive();
            assertThat(Math.max(oomKills, nodeMem.oomKills())).as("memory.oom_control oom_kill").isGreaterThanOrEqualTo(1);
        }
    }
}
