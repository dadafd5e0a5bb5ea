package io.teg.node.memory;

import io.teg.node.airlock.Airlock;
import io.teg.node.airlock.AirlockParameters;
import io.teg.node.airlock.EvacuationMode;
import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.HybridCgroups;
import io.teg.node.cgroup.NodeCgroupFixture;
import io.teg.node.evacuation.KillAndRequeue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory guard on real processes and real cgroups: two memhog jobs under a node limit that cannot hold both,
 * across seeded random trials (sizes, growth rates, strengths). With the guard: nobody is OOM-killed, the weaker
 * job is frozen and evacuated (kill and requeue), the stronger completes.
 */
class AirlockOnRealProcessesIT {

    private static final long MIB = 1L << 20;
    private static final long NODE_MIB = 256;
    private static final int TRIALS = 20;
    /**
     * The defaults: 5 % reserve, glassy line at 0.9 U = 0.855 C (memory.high set there), exit at 0.8 U. The margin
     * from the glassy line to the node limit, C (1 - 0.855) = 37 MiB on this 256 MiB node, is what the jobs may grow
     * in the one control tick the guard needs to place the thresholds: at memhog's fastest (two jobs, 4 MiB every
     * 25 ms: 320 MiB/s) that is 115 ms, more than ten 10 ms ticks (docs/node-agent.md, "Where the glassy line sits").
     */
    static final AirlockParameters PARAMETERS = AirlockParameters.DEFAULTS;

    /** One trial's draw: job 1 and 2 sizes (MiB), step periods (ms) and strengths. */
    record Draw(long target1, long target2, long period1, long period2, double strength1, double strength2) {
        /** The airlock's weaker: lower strength; on a tie the larger job id. */
        long weaker() {
            return strength1 < strength2 ? 1 : 2;
        }

        static Draw of(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            // each job alone fits (<= 0.72 C) and both together do not; periods within a factor 1.5, so that
            // neither reaches its size before the node is full
            return new Draw(r.nextLong(154, 185), r.nextLong(154, 185), r.nextLong(25, 38), r.nextLong(25, 38),
                    r.nextDouble(0.5, 2.0), r.nextDouble(0.5, 2.0));
        }
    }

    /** What one trial produced. */
    record Outcome(int exitWeaker, int exitStronger, long oomKills, List<Long> requeued, List<AirlockEpisode> episodes) {
    }

    static Outcome trial(CgroupController cgroups, long seed, long tickMillis) throws Exception {
        Draw d = Draw.of(seed);
        try (NodeCgroupFixture node = new NodeCgroupFixture(cgroups, "airlock" + seed, NODE_MIB * MIB)) {
            var j1 = node.start(1, d.target1(), 4, d.period1(), NodeCgroupFixture.OVERLAP_HOLD_MILLIS);
            var j2 = node.start(2, d.target2(), 4, d.period2(), NodeCgroupFixture.OVERLAP_HOLD_MILLIS);
            KillAndRequeue evacuator = new KillAndRequeue(cgroups);
            MemoryGuard guard = new MemoryGuard(cgroups, new Airlock(PARAMETERS),
                    Map.of(EvacuationMode.CHECKPOINT, evacuator), NODE_MIB, false, InstantSource.system());
            guard.admit(new Tenant(1, j1.path(), 32, d.strength1()));
            guard.admit(new Tenant(2, j2.path(), 32, d.strength2()));
            j1.go();
            j2.go();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((j1.process().isAlive() || j2.process().isAlive()) && System.nanoTime() < deadline) {
                guard.tick();
                Thread.sleep(tickMillis);
            }
            int e1 = j1.awaitExit(5);
            int e2 = j2.awaitExit(5);
            long oomKills = cgroups.memory(node.node).oomKills() + cgroups.memory(j1.path()).oomKills()
                    + cgroups.memory(j2.path()).oomKills();
            boolean oneIsWeaker = d.weaker() == 1;
            return new Outcome(oneIsWeaker ? e1 : e2, oneIsWeaker ? e2 : e1, oomKills, evacuator.requeued(), guard.episodes());
        }
    }

    @Test
    void shouldEvacuateTheWeakerAndCompleteTheStrongerWithoutOomKillsWhenTwoJobsOutgrowTheNode() throws Exception {
        CgroupController cgroups = HybridCgroups.detect();
        for (long seed = 1; seed <= TRIALS; seed++) {
            Draw d = Draw.of(seed);
            long weaker = d.weaker();
            long stronger = 3 - weaker;
            Outcome o = trial(cgroups, seed, 10);
            System.out.printf("trial %d %s: weaker exit %d, stronger exit %d, oom kills %d, requeued %s, episodes %s%n",
                    seed, d, o.exitWeaker(), o.exitStronger(), o.oomKills(), o.requeued(), o.episodes());
            assertThat(o.oomKills()).as("trial %d: OOM kills", seed).isZero();
            assertThat(o.exitStronger()).as("trial %d: the stronger job %d completes", seed, stronger).isZero();
            assertThat(o.exitWeaker()).as("trial %d: the weaker job %d is killed by the evacuator (SIGKILL)", seed, weaker)
                    .isEqualTo(137);
            assertThat(o.requeued()).as("trial %d: requeue recorded", seed).containsExactly(weaker);
            assertThat(o.episodes()).as("trial %d: one airlock episode", seed).hasSize(1);
            assertThat(o.episodes().getFirst().strongerId()).isEqualTo(stronger);
            assertThat(o.episodes().getFirst().evacuated()).containsExactly(weaker);
        }
    }
}
