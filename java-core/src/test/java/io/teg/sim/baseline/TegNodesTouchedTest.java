package io.teg.sim.baseline;

import io.teg.model.TaskShape;
import io.teg.sim.SimJob;
import io.teg.sim.teg.TegScheduler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes touched per TEG decision must not grow with the cluster: the same jobs on 100 and on 10,000 nodes, with the
 * cluster full (the decision fails) and then empty (it succeeds).
 */
class TegNodesTouchedTest {

    private static final TaskShape CORE = TaskShape.cpu(1000, 1024);

    /** Touches and decisions: [full-cluster touches, full decisions, empty-cluster touches, empty decisions]. */
    private static long[] measure(int nodes) {
        Bench bench = new Bench(Bench.cpuNodes(nodes, 1000, 4096), new TegScheduler(), 3);
        SimJob filler = Bench.job(0, 0, nodes, CORE, 2000, 1000);
        SimJob single = Bench.job(1, 10, 1, CORE, 200, 100);
        SimJob gang = Bench.job(2, 10, 8, CORE, 200, 100);
        bench.submit(filler, single, gang).runUntil(0);
        assertThat(bench.started(filler)).isTrue();
        long t0 = bench.touches();
        long d0 = bench.decisions();
        bench.runUntil(10);
        long t1 = bench.touches();
        long d1 = bench.decisions();
        assertThat(bench.started(single)).isFalse();
        bench.runUntil(1000);
        assertThat(bench.started(single)).isTrue();
        assertThat(bench.started(gang)).isTrue();
        return new long[] {t1 - t0, d1 - d0, bench.touches() - t1, bench.decisions() - d1};
    }

    @Test
    void shouldTouchAsManyNodesPerDecisionOnTenThousandNodesAsOnAHundredWhenTheJobsAreTheSame() {
        long[] small = measure(100);
        long[] large = measure(10_000);

        assertThat(small[1]).as("both jobs were decided while the cluster was full").isEqualTo(2);
        assertThat(large[1]).isEqualTo(2);
        // full: the aggregate free capacity answers, no node is read, whatever the size
        assertThat(small[0]).isZero();
        assertThat(large[0]).isZero();
        // empty: the search stops near the landing point; 100 times the nodes cost at most 20 % more reads
        assertThat(small[3]).isPositive();
        assertThat(large[2] / (double) large[3]).isLessThanOrEqualTo(small[2] / (double) small[3] * 1.2);
    }
}
