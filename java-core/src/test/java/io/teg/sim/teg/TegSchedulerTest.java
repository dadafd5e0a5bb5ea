package io.teg.sim.teg;

import io.teg.agent.PlacementFailure;
import io.teg.agent.Resource;
import io.teg.ledger.Audit;
import io.teg.model.TaskShape;
import io.teg.sim.MemoryLimitPolicy;
import io.teg.sim.SimJob;
import io.teg.sim.experiment.SchedulerCatalog;
import io.teg.sim.metrics.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class TegSchedulerTest {

    @TempDir
    Path tmp;

    /**
     * 8 single-core nodes; gangs of 2, 4 and 8 tasks arrive while single-task jobs hold cores, so the gangs must wait
     * for enough free nodes at once.
     */
    private Path smallSwf() throws IOException {
        Path swf = tmp.resolve("small.swf");
        Files.writeString(swf, """
                ; MaxNodes: 8
                ; MaxProcs: 8
                1 0 0 300 1 -1 -1 1 600 -1 1 1 1 -1 -1 -1 -1 -1
                2 5 0 200 1 -1 -1 1 400 -1 1 2 1 -1 -1 -1 -1 -1
                3 10 0 100 4 -1 -1 4 200 -1 1 3 1 -1 -1 -1 -1 -1
                4 12 0 150 8 -1 -1 8 300 -1 1 1 1 -1 -1 -1 -1 -1
                5 20 0 50 2 -1 -1 2 100 -1 1 2 1 -1 -1 -1 -1 -1
                6 30 0 400 1 -1 -1 1 800 -1 1 3 1 -1 -1 -1 -1 -1
                7 40 0 120 3 -1 -1 3 240 -1 1 1 1 -1 -1 -1 -1 -1
                8 45 0 60 1 -1 -1 1 120 -1 1 2 1 -1 -1 -1 -1 -1
                9 300 0 90 6 -1 -1 6 180 -1 1 3 1 -1 -1 -1 -1 -1
                10 310 0 30 1 -1 -1 1 60 -1 1 1 1 -1 -1 -1 -1 -1
                """);
        return swf;
    }

    @Test
    void shouldCompleteEveryJobWhenTheWorkloadIsSmall() throws IOException {
        TegRun run = TegRun.of(smallSwf(), null, 1, false, jobs -> jobs);

        RunMetrics m = run.metrics();
        assertThat(m.scheduler()).isEqualTo("teg");
        assertThat(m.jobs()).isEqualTo(10);
        assertThat(m.completed()).isEqualTo(10);
        assertThat(run.scheduler().startedJobs()).isEqualTo(10);
        assertThat(run.scheduler().queuedJobs()).isZero();
        assertThat(run.scheduler().droppedJobs()).isEmpty();
        assertThat(run.scheduler().epochs()).as("the governor ran while jobs waited").isPositive();
        assertThat(run.scheduler().lastDecision()).isNotNull();
        double gamma = run.scheduler().lastDecision().gamma();
        assertThat(run.scheduler().damping()).as("damping = max(0, γ) in steps of 1/8")
                .isEqualTo(Math.round(Math.max(0, gamma) * 8) / 8.0);
        assertThat(m.decisions()).isGreaterThanOrEqualTo(10);
        assertThat(m.nodesTouched()).isPositive();
    }

    @Test
    void shouldNeverHoldAPartialAllocationWhenGangsWait() throws IOException {
        TegRun run = TegRun.of(smallSwf(), null, 3, false, jobs -> jobs);

        RunMetrics m = run.metrics();
        assertThat(m.strandedCapacity()).isZero();
        assertThat(m.deadlocked()).isFalse();
        assertThat(m.deadlockedGangs()).isZero();
        assertThat(m.completed()).isEqualTo(10);
        assertThat(run.scheduler().openLeases()).as("every lease released at job end").isZero();
        // 10 jobs on 8 one-core nodes: one order per job and node, at least one per job
        assertThat(run.scheduler().filledOrders()).isBetween(10L, 1L + 1 + 4 + 8 + 2 + 1 + 3 + 1 + 6 + 1);
    }

    @Test
    void shouldGiveIdenticalMetricsWhenTheSeedIsTheSame() {
        TegRun a = TegRun.of(TegRun.kth(), 400, 11);
        TegRun b = TegRun.of(TegRun.kth(), 400, 11);

        assertThat(numbers(a.metrics())).isEqualTo(numbers(b.metrics()));
        assertThat(a.metrics().waitsS()).containsExactly(b.metrics().waitsS());
        assertThat(a.metrics().completed() + a.metrics().oomKills()).as("every job ran: completed or OOM-killed")
                .isEqualTo(400);
        assertThat(a.scheduler().epochs()).isEqualTo(b.scheduler().epochs());
        assertThat(a.scheduler().audits()).isEqualTo(b.scheduler().audits());
    }

    @Test
    void shouldKillNoJobAndPassNoPowerCapWhenTheFirstKthJobsRunUnderTheAirlockAndTheCaps() {
        TegRun run = TegRun.of(TegRun.kth(), 1500, 7);

        RunMetrics m = run.metrics();
        assertThat(m.oomKills()).as("memory.high throttles bursts, the airlock evacuates instead of killing").isZero();
        assertThat(m.powerViolations()).isZero();
        assertThat(m.powerViolationSeconds()).isZero();
        assertThat(m.completed()).isEqualTo(1500);
        assertThat(run.scheduler().cappedNodeSteps()).as("the caps were needed, not idle").isPositive();
    }

    @Test
    void shouldBalanceTheLedgersTokenAuditWhenTheRunEnds() {
        TegRun run = TegRun.of(TegRun.kth(), 400, 5);

        assertThat(run.scheduler().ledgersBalanced()).isTrue();
        List<Audit> audits = run.scheduler().audits().stream().filter(Objects::nonNull).toList();
        assertThat(audits).isNotEmpty().allSatisfy(a -> {
            assertThat(a.balanced()).as(a.toString()).isTrue();
            assertThat(a.escrowedMicros()).isZero();
        });
        long minted = audits.stream().mapToLong(Audit::mintedMicros).sum();
        long burned = audits.stream().mapToLong(Audit::burnedMicros).sum();
        assertThat(minted).as("jobs were endowed").isPositive();
        assertThat(burned).as("paid prices are burned").isPositive().isLessThanOrEqualTo(minted);
        assertThat(run.scheduler().openLeases()).isZero();
    }

    @Test
    void shouldDropAJobNamingMemoryWhenItIsLargerThanAnyNode() throws IOException {
        TegRun run = TegRun.of(smallSwf(), null, 2, false, jobs -> {
            List<SimJob> out = new ArrayList<>(jobs);
            SimJob huge = out.get(4);
            out.set(4, huge.withRequest(new io.teg.model.JobRequest(huge.request().jobId(), huge.request().account(),
                    1, TaskShape.cpu(1000, 1L << 40), huge.request().timeLimitS(), 0)));
            return out;
        });

        List<PlacementFailure> dropped = run.scheduler().droppedJobs();
        assertThat(dropped).singleElement().satisfies(f -> {
            assertThat(f.jobId()).isEqualTo(5);
            assertThat(f.never()).isTrue();
            assertThat(f.concerns(Resource.MEMORY)).isTrue();
            assertThat(f.message()).contains("memory").contains("MiB");
        });
        assertThat(run.metrics().completed()).isEqualTo(9);
        assertThat(run.scheduler().queuedJobs()).isZero();
    }

    @Test
    void shouldBeListedAfterTheBaselinesWhenTheCatalogIsStandard() {
        SchedulerCatalog catalog = SchedulerCatalog.standard();

        assertThat(catalog.names()).last().isEqualTo("teg");
        assertThat(catalog.resolve("all")).contains("slurm", "teg");
        assertThat(catalog.create("teg")).isInstanceOf(TegScheduler.class)
                .isNotSameAs(catalog.create("teg"));
        assertThat(catalog.create("teg").memoryLimits()).isEqualTo(MemoryLimitPolicy.GLASSY);
    }

    private static List<Object> numbers(RunMetrics m) {
        return List.of(m.jobs(), m.completed(), m.makespanS(), m.throughputJobsPerHour(), m.meanWaitS(), m.p95WaitS(),
                m.meanBoundedSlowdown(), m.utilization(), m.strandedCapacity(), m.oomKills(), m.powerViolations(),
                m.powerViolationSeconds(), m.throttleSeconds(), m.coolingEnergyKwh(), m.itEnergyKwh(), m.deadlocked(),
                m.decisions(), m.nodesTouched(), m.events());
    }
}
