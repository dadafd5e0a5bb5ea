package io.teg.sim.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static io.teg.sim.metrics.RunBuilder.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

class SchedulerSummaryTest {

    @Test
    void shouldAverageEachMetricWithStudentTIntervalWhenThreeRuns() {
        SchedulerSummary s = SchedulerSummary.of(List.of(
                run("k8s", 1).meanWaitS(100).utilization(0.5).oomKills(1).build(),
                run("k8s", 2).meanWaitS(200).utilization(0.6).oomKills(2).build(),
                run("k8s", 3).meanWaitS(300).utilization(0.7).oomKills(6).build()));

        assertThat(s.scheduler()).isEqualTo("k8s");
        assertThat(s.runs()).isEqualTo(3);
        assertThat(s.meanWaitS().mean()).isEqualTo(200.0);
        // s = 100, t(0.975, 2) = 4.302653, half-width = t * 100 / sqrt(3)
        assertThat(s.meanWaitS().ci95()).isCloseTo(248.41377117503302, within(1e-5));
        assertThat(s.utilization().mean()).isCloseTo(0.6, within(1e-12));
        assertThat(s.utilization().ci95()).isCloseTo(0.248413771175033, within(1e-7));
        assertThat(s.oomKills().mean()).isEqualTo(3.0);
        assertThat(s.jobs().mean()).isEqualTo(1000.0);
        assertThat(s.jobs().ci95()).isZero();
    }

    @Test
    void shouldGiveZeroIntervalsWhenOneRun() {
        SchedulerSummary s = SchedulerSummary.of(List.of(run("slurm", 7).meanWaitS(812.5).build()));

        assertThat(s.runs()).isEqualTo(1);
        assertThat(s.meanWaitS().mean()).isEqualTo(812.5);
        assertThat(s.meanWaitS().ci95()).isZero();
        assertThat(s.throughputJobsPerHour().ci95()).isZero();
    }

    @Test
    void shouldCountRunsWithAnyDeadlockWhenSomeRunsDeadlocked() {
        SchedulerSummary s = SchedulerSummary.of(List.of(
                run("k8s", 1).deadlockedGangs(0).build(),
                run("k8s", 2).deadlockedGangs(2).build(),
                run("k8s", 3).deadlockedGangs(1).build()));

        assertThat(s.deadlockRuns()).isEqualTo(2);
        assertThat(s.deadlockedGangs().mean()).isEqualTo(1.0);
    }

    @Test
    void shouldReadPercentilesOfAllDecisionsWhenHistogramsAreMerged() {
        long[] first = LongStream.rangeClosed(1, 100).map(us -> us * 1_000).toArray();
        long[] second = LongStream.rangeClosed(101, 200).map(us -> us * 1_000).toArray();
        SchedulerSummary s = SchedulerSummary.of(List.of(
                run("slurm", 1).latenciesNs(first).build(),
                run("slurm", 2).latenciesNs(second).build()));

        DecisionLatency l = s.decisionLatency();
        assertThat(s.decisions()).isEqualTo(200);
        assertThat(s.decisionLatencyNs().getTotalCount()).isEqualTo(200);
        // 3 significant digits: each figure is within 0.1% above the exact order statistic
        assertThat(l.p50Us()).isCloseTo(100.0, withPercentage(0.1)).isGreaterThanOrEqualTo(100.0);
        assertThat(l.p99Us()).isCloseTo(198.0, withPercentage(0.1)).isGreaterThanOrEqualTo(198.0);
        assertThat(l.maxUs()).isCloseTo(200.0, withPercentage(0.1)).isGreaterThanOrEqualTo(200.0);
    }

    @Test
    void shouldGiveZeroLatencyWhenNoDecisionWasMade() {
        SchedulerSummary s = SchedulerSummary.of(List.of(run("sparrow", 1).build()));

        assertThat(s.decisions()).isZero();
        assertThat(s.decisionLatency()).isEqualTo(new DecisionLatency(0, 0, 0));
        assertThat(s.nodesTouchedPerDecision()).isZero();
    }

    @Test
    void shouldPoolNodesTouchedOverAllDecisionsWhenRunsDifferInSize() {
        long[] ten = LongStream.generate(() -> 5_000).limit(10).toArray();
        long[] ninety = LongStream.generate(() -> 5_000).limit(90).toArray();
        SchedulerSummary s = SchedulerSummary.of(List.of(
                run("k8s", 1).latenciesNs(ten).nodesTouched(100).build(),
                run("k8s", 2).latenciesNs(ninety).nodesTouched(90).build()));

        // 190 reads over 100 decisions; the mean of per-run means would be (10 + 1) / 2 = 5.5
        assertThat(s.nodesTouched()).isEqualTo(190);
        assertThat(s.nodesTouchedPerDecision()).isEqualTo(1.9);
    }

    @Test
    void shouldSumWallTimeAndEventsWhenRatingSpeed() {
        SchedulerSummary s = SchedulerSummary.of(List.of(
                run("slurm", 1).events(30_000).wallNs(1_000_000_000L).build(),
                run("slurm", 2).events(10_000).wallNs(3_000_000_000L).build()));

        assertThat(s.events()).isEqualTo(40_000);
        assertThat(s.wallNs()).isEqualTo(4_000_000_000L);
        assertThat(s.wallS()).isEqualTo(4.0);
        assertThat(s.eventsPerSecond()).isEqualTo(10_000.0);
    }

    @Test
    void shouldKeepRunsInSeedOrderWhenGivenOutOfOrder() {
        SchedulerSummary s = SchedulerSummary.of(List.of(
                run("slurm", 9).meanWaitS(9).build(),
                run("slurm", 3).meanWaitS(3).build(),
                run("slurm", 5).meanWaitS(5).build()));

        assertThat(s.firstRun().seed()).isEqualTo(3);
        assertThat(s.perRun()).extracting(RunMetrics::seed).containsExactly(3L, 5L, 9L);
    }

    @Test
    void shouldRejectSummaryWhenRunsAreMissingOrMixed() {
        assertThatThrownBy(() -> SchedulerSummary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchedulerSummary.of(List.of(run("slurm", 1).build(), run("k8s", 2).build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slurm").hasMessageContaining("k8s");
    }
}
