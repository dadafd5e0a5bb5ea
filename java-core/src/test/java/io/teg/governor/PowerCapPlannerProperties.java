package io.teg.governor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PowerCapPlannerProperties {

    @Property(tries = 500)
    void shouldKeepEveryBudgetUnderItsCapWhenIdlePowerLeavesRoom(@ForAll long seed,
                                                                  @ForAll @IntRange(min = 1, max = 60) int nodes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int racks = 1 + rnd.nextInt(nodes);
        double[] idle = new double[nodes];
        double[] dyn = new double[nodes];
        int[][] groupOf = new int[2][nodes];
        for (int i = 0; i < nodes; i++) {
            idle[i] = 50 + rnd.nextDouble(100);
            dyn[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble(300);
            groupOf[0][i] = i * racks / nodes;
            groupOf[1][i] = 0;
        }
        double[][] cap = {new double[racks], new double[1]};
        double[] idleOf = new double[racks];
        for (int i = 0; i < nodes; i++) idleOf[groupOf[0][i]] += idle[i];
        double totalIdle = 0;
        for (int r = 0; r < racks; r++) {
            cap[0][r] = idleOf[r] * (1.2 + rnd.nextDouble(2)); // room above idle
            totalIdle += idleOf[r];
        }
        cap[1][0] = totalIdle * (1.2 + rnd.nextDouble(2));
        PowerCapPlanner planner = new PowerCapPlanner(0.01, 0.01);

        double[] share = planner.shares(idle, dyn, groupOf, cap);

        for (int l = 0; l < 2; l++) {
            double[] sum = new double[cap[l].length];
            double[] demand = new double[cap[l].length];
            for (int i = 0; i < nodes; i++) {
                assertThat(share[i]).isBetween(0.01, 1.0);
                sum[groupOf[l][i]] += idle[i] + share[i] * dyn[i];
                demand[groupOf[l][i]] += idle[i] + dyn[i];
            }
            for (int g = 0; g < sum.length; g++) {
                double limit = cap[l][g] * 0.99;
                // held under the cap unless even the lowest share cannot do it
                double lowest = 0;
                for (int i = 0; i < nodes; i++) if (groupOf[l][i] == g) lowest += idle[i] + 0.01 * dyn[i];
                if (lowest <= limit) assertThat(sum[g]).as("level %d budget %d", l, g).isLessThanOrEqualTo(limit + 1e-9);
            }
        }
        // nothing is capped when every budget holds its whole demand
        boolean allFit = true;
        for (int l = 0; l < 2 && allFit; l++) {
            double[] demand = new double[cap[l].length];
            for (int i = 0; i < nodes; i++) demand[groupOf[l][i]] += idle[i] + dyn[i];
            for (int g = 0; g < demand.length; g++) allFit &= demand[g] <= cap[l][g] * 0.99;
        }
        if (allFit) for (double s : share) assertThat(s).isEqualTo(1.0);
    }

    @Property(tries = 100)
    void shouldRunAtTheCubeRootOfTheShareWhenCapped(@ForAll @IntRange(min = 1, max = 1000) int milli) {
        double share = milli / 1000.0;
        double speed = PowerCapPlanner.speedAtShare(share);
        assertThat(speed * speed * speed).isCloseTo(share, within(1e-12));
        assertThat(PowerCapPlanner.speedAtShare(1.0)).isEqualTo(1.0);
    }
}
