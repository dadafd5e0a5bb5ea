package io.teg.sim.physics;

import io.teg.model.JobRequest;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.sim.ClusterSpec;
import io.teg.sim.Qos;
import io.teg.sim.SimJob;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WorkloadPhysicsTest {

    private static final Calibration CAL = BundledData.calibration();
    private static final PhysicsParameters P = PhysicsParameters.defaults();
    /** Two CPU node sizes and a GPU node: a 4-core task fits the 64 GiB node, a 30-core task only the 128 GiB one. */
    private static final ClusterSpec CLUSTER = new ClusterSpec("test", List.of(
            NodeSpec.cpuOnly("small", 20_000, 65_536),
            NodeSpec.cpuOnly("big", 40_000, 131_072),
            new NodeSpec("gpu", 32_000, 262_144, 4, "V100M16", 0)), List.of("V100M16"));

    private static SimJob job(int index, int cpuMilli, long memMiB, long runtimeS) {
        return new SimJob(index, new JobRequest(1000 + index, "acct", 1 + index % 3, TaskShape.cpu(cpuMilli, memMiB),
                Math.max(60, 2 * runtimeS), 0), index, runtimeS, Qos.GUARANTEED, index + 1);
    }

    private static List<SimJob> jobs(int n, boolean withMemory) {
        List<SimJob> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int cpu = i % 4 == 0 ? 30_000 : 4_000;
            out.add(job(i, cpu, withMemory ? 1_000 + 37L * (i % 100) : 0, 30 + 97L * (i % 500)));
        }
        return out;
    }

    @Test
    void shouldReplaySameProfilesWhenSeedAndIndexAreTheSame() {
        List<SimJob> jobs = jobs(500, false);
        Workload a = WorkloadPhysics.prepare(jobs, CLUSTER, CAL, P, 42, true);
        Workload b = WorkloadPhysics.prepare(jobs, CLUSTER, CAL, P, 42, true);
        assertThat(a.profiles()).isEqualTo(b.profiles());
        assertThat(a.jobs()).isEqualTo(b.jobs());

        // the same job at the same index in a different trace draws the same physics
        List<SimJob> other = new ArrayList<>(jobs(500, true));
        other.set(123, jobs.get(123));
        Workload c = WorkloadPhysics.prepare(other, CLUSTER, CAL, P, 42, true);
        assertThat(c.profiles().get(123)).isEqualTo(a.profiles().get(123));
        assertThat(c.jobs().get(123)).isEqualTo(a.jobs().get(123));

        Workload d = WorkloadPhysics.prepare(jobs, CLUSTER, CAL, P, 43, true);
        long same = 0;
        for (int i = 0; i < jobs.size(); i++) {
            if (d.profiles().get(i).memory().fearPremium() == a.profiles().get(i).memory().fearPremium()) same++;
        }
        assertThat(same).isZero();
    }

    @Test
    void shouldChangeNoOtherDrawWhenBurstsAreTurnedOff() {
        List<SimJob> jobs = jobs(2_000, true);
        Workload on = WorkloadPhysics.prepare(jobs, CLUSTER, CAL, P, 9, true);
        Workload off = WorkloadPhysics.prepare(jobs, CLUSTER, CAL, P, 9, false);
        for (int i = 0; i < jobs.size(); i++) {
            JobProfile a = on.profiles().get(i);
            JobProfile b = off.profiles().get(i);
            assertThat(b.powerIntensity()).isEqualTo(a.powerIntensity());
            assertThat(b.memory().fearPremium()).isEqualTo(a.memory().fearPremium());
            assertThat(b.memory().realPeakMiB()).isEqualTo(a.memory().realPeakMiB());
            assertThat(b.memory().maxUsageMiB()).isEqualTo(b.memory().realPeakMiB());
        }
    }

    @Test
    void shouldKeepFearPremiumInPaperRangeAndRequestsAboveRealPeaksWhenPreparing() {
        for (boolean withMemory : new boolean[] {false, true}) {
            List<SimJob> jobs = jobs(10_000, withMemory);
            Workload w = WorkloadPhysics.prepare(jobs, CLUSTER, CAL, P, 1, true);
            DescriptiveStatistics alpha = new DescriptiveStatistics();
            for (int i = 0; i < jobs.size(); i++) {
                MemoryTrajectory m = w.profiles().get(i).memory();
                long request = w.jobs().get(i).task().memMiB();
                alpha.addValue(m.fearPremium());
                assertThat(m.fearPremium()).isBetween(0.4, 2.0);
                assertThat(request).isGreaterThanOrEqualTo(m.realPeakMiB());
                assertThat(m.realPeakMiB()).isPositive();
                if (withMemory) {
                    assertThat(request).isEqualTo(jobs.get(i).task().memMiB());
                    assertThat(m.realPeakMiB()).isEqualTo((long) Math.floor(request / (1 + m.fearPremium())));
                } else {
                    long nodeMem = jobs.get(i).task().cpuMilli() > 20_000 ? 131_072 : 65_536;
                    assertThat(request).isLessThanOrEqualTo(nodeMem)
                            .isEqualTo(Math.min(nodeMem, (long) Math.ceil(m.realPeakMiB() * (1 + m.fearPremium()))));
                    assertThat((double) m.realPeakMiB() / nodeMem).isBetween(0.02 - 1e-4, 0.7 + 1e-4);
                }
            }
            assertThat(alpha.getMean()).isCloseTo(1.2, within(0.02));
            assertThat(alpha.getMin()).isLessThan(0.45);
            assertThat(alpha.getMax()).isGreaterThan(1.95);
        }
    }

    @Test
    void shouldDrawLognormalMemoryShareWithMedianQuarterWhenTraceHasNoMemory() {
        List<SimJob> jobs = jobs(20_000, false);
        Workload w = WorkloadPhysics.prepare(jobs, CLUSTER, CAL, P, 5, false);
        DescriptiveStatistics f = new DescriptiveStatistics();
        for (int i = 0; i < jobs.size(); i++) {
            long nodeMem = jobs.get(i).task().cpuMilli() > 20_000 ? 131_072 : 65_536;
            f.addValue((double) w.profiles().get(i).memory().realPeakMiB() / nodeMem);
        }
        assertThat(f.getPercentile(50)).isCloseTo(0.25, within(0.01));
        // P(f > 0.7) = P(Z > ln(2.8) / 0.6) = 1.6 %: clipped to exactly 0.7
        assertThat(f.getMax()).isCloseTo(0.7, within(1e-4));
        assertThat(f.getMin()).isGreaterThanOrEqualTo(0.02 - 1e-4);
    }

    @Test
    void shouldBurstAboutBurstProbabilityOfJobsWhenBurstsAreOn() {
        int n = 40_000;
        List<SimJob> jobs = jobs(n, true);
        Workload w = WorkloadPhysics.prepare(jobs, CLUSTER, CAL, P, 77, true);
        int bursts = 0;
        for (int i = 0; i < n; i++) {
            MemoryTrajectory m = w.profiles().get(i).memory();
            if (m.maxUsageMiB() > m.realPeakMiB()) {
                bursts++;
                double b = (double) m.maxUsageMiB() / m.realPeakMiB();
                assertThat(b).isBetween(1.2 - 1e-3, 3.0 + 2.0 / m.realPeakMiB());
            }
        }
        double share = (double) bursts / n;
        double sd = Math.sqrt(P.burstProbability() * (1 - P.burstProbability()) / n);
        assertThat(share).isCloseTo(P.burstProbability(), within(4 * sd));
    }

    @Test
    void shouldDrawIntensitiesFromCalibrationWhenPreparing() {
        int n = 30_000;
        Workload w = WorkloadPhysics.prepare(jobs(n, true), CLUSTER, CAL, P, 3, false);
        DescriptiveStatistics s = new DescriptiveStatistics();
        for (JobProfile p : w.profiles()) s.addValue(p.powerIntensity());
        assertThat(s.getMean()).isCloseTo(CAL.intensityMean(), within(0.02));
        assertThat(s.getMax()).isLessThanOrEqualTo(CAL.intensityMax());
        assertThat(s.getMin()).isGreaterThanOrEqualTo(Calibration.INTENSITY_FLOOR);
    }

    @Test
    void shouldRampThenHoldThenBurstAndReturnWhenBuildingTrajectory() {
        MemoryTrajectory plain = WorkloadPhysics.trajectory(1_000, 1.0, 1_000, P, false, 0, 2);
        assertThat(plain.offsetsS()).containsExactly(0, 100);
        assertThat(plain.usageMiB()).containsExactly(500, 1_000);

        // burst at 50 % of the run for max(60, 10 % of 1000 s) = 100 s, to 2.5 x the peak
        MemoryTrajectory burst = WorkloadPhysics.trajectory(1_000, 1.0, 1_000, P, true, 0.5, 2.5);
        assertThat(burst.offsetsS()).containsExactly(0, 100, 500, 600);
        assertThat(burst.usageMiB()).containsExactly(500, 1_000, 2_500, 1_000);

        // a burst inside the ramp returns to the ramp level; a short job's burst lasts 60 s, cut at the end
        PhysicsParameters shortBursts = P.toBuilder().burstDurationShare(0.02).build();
        MemoryTrajectory early = WorkloadPhysics.trajectory(1_000, 1.0, 10_000, shortBursts, true, 0.01, 1.5);
        assertThat(early.offsetsS()).containsExactly(0, 100, 300, 1_000);
        assertThat(early.usageMiB()).containsExactly(500, 1_500, 500, 1_000);
        // a burst that outlasts the ramp ends at the real peak
        MemoryTrajectory across = WorkloadPhysics.trajectory(1_000, 1.0, 10_000, P, true, 0.01, 1.5);
        assertThat(across.offsetsS()).containsExactly(0, 100, 1_100);
        assertThat(across.usageMiB()).containsExactly(500, 1_500, 1_000);
        MemoryTrajectory shortJob = WorkloadPhysics.trajectory(1_000, 1.0, 100, P, true, 0.5, 1.5);
        assertThat(shortJob.offsetsS()).containsExactly(0, 10, 50);
        assertThat(shortJob.usageMiB()).containsExactly(500, 1_000, 1_500);
    }
}
