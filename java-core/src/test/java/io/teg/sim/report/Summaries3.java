package io.teg.sim.report;

import io.teg.sim.metrics.RunBuilder;
import io.teg.sim.metrics.SchedulerSummary;

import java.util.List;

import static io.teg.sim.metrics.RunBuilder.run;

/** Three schedulers summarised from fresh runs each time: slurm and k8s with three seeds, sparrow with one. */
final class Summaries3 {

    private Summaries3() {
    }

    static List<SchedulerSummary> make() {
        return List.of(
                SchedulerSummary.of(List.of(
                        run("slurm", 1).meanWaitS(812.4444444).utilization(0.91).latenciesNs(2_000, 4_000, 8_000)
                                .nodesTouched(30).series(RunBuilder.series(new int[] {3, 1}, 600)).build(),
                        run("slurm", 2).meanWaitS(790.1).utilization(0.9).latenciesNs(3_000).nodesTouched(10).build(),
                        run("slurm", 3).meanWaitS(845).utilization(0.92).build())),
                SchedulerSummary.of(List.of(
                        run("k8s", 1).meanWaitS(1203.75).deadlockedGangs(2).latenciesNs(40_000, 90_000)
                                .nodesTouched(2000).series(RunBuilder.series(new int[] {0, 2, 4}, 0))
                                .waitsS(0, 3, 30, 300, 3000, 30000).build(),
                        run("k8s", 2).meanWaitS(1100).deadlockedGangs(0).build(),
                        run("k8s", 3).meanWaitS(1300).deadlockedGangs(1).build())),
                SchedulerSummary.of(List.of(
                        run("sparrow", 1).meanWaitS(15.5).jobs(1_234_567).latenciesNs(1_000, 1_500)
                                .nodesTouched(4).build())));
    }
}
