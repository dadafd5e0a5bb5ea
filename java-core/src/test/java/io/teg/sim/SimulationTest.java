package io.teg.sim;

import io.teg.model.JobRequest;
import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import io.teg.sim.baseline.Baselines;
import io.teg.sim.metrics.RunMetrics;
import io.teg.sim.physics.Calibration;
import io.teg.sim.physics.DataCenterPlant;
import io.teg.sim.physics.JobProfile;
import io.teg.sim.physics.MemoryTrajectory;
import io.teg.sim.physics.PhysicsParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's own rules, on the real physics, with hand-made jobs. */
class SimulationTest {

    private static Calibration calibration;

    @BeforeAll
    static void calibrate() throws IOException {
        Path data = Calibration.findDataDir(Path.of("").toAbsolutePath()).orElseThrow();
        calibration = Calibration.load(data);
    }

    private static Topology cluster(int nodes) {
        List<NodeSpec> specs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) specs.add(NodeSpec.cpuOnly("n" + i, 1000, 8192));
        return new Topology(specs, Layout.DEFAULT);
    }

    private static SimJob job(int index, int tasks, long mem, long submit, long run) {
        return new SimJob(index, new JobRequest(index + 1, "u", tasks, TaskShape.cpu(1000, mem), run * 2, 0), submit, run,
                Qos.GUARANTEED, index + 1);
    }

    private static JobProfile steady(long use) {
        return new JobProfile(1.0, new MemoryTrajectory(use, 0.5, new long[] {0}, new long[] {use}));
    }

    private static RunMetrics run(Topology topology, List<SimJob> jobs, List<JobProfile> profiles, String scheduler) {
        DataCenterPlant plant = new DataCenterPlant(topology, PhysicsParameters.defaults(), calibration);
        return new Simulation(jobs, profiles, topology, plant, Baselines.create(scheduler),
                SimulationConfig.defaults(100_000), 1).run();
    }

    @Test
    void shouldKillAJobAndFreeItsNodesWhenItsFirstMemoryStepPassesItsLimit() {
        Topology topology = cluster(4);
        // job 0 uses 5000 MiB from its first second but asked for 4000: its cgroup kills it at once.
        // job 1 then needs all four nodes; it can only run if job 0's nodes came back everywhere.
        List<SimJob> jobs = List.of(job(0, 2, 4000, 0, 100), job(1, 4, 1000, 10, 50));
        List<JobProfile> profiles = List.of(steady(5000), steady(500));
        for (String scheduler : Baselines.NAMES) {
            RunMetrics m = run(topology, jobs, profiles, scheduler);
            assertThat(m.oomKills()).as(scheduler).isEqualTo(1);
            assertThat(m.completed()).as(scheduler).isEqualTo(1);
        }
    }

    @Test
    void shouldRunAJobForItsRuntimeAndCountItsWaitWhenTheClusterIsBusy() {
        Topology topology = cluster(2);
        List<SimJob> jobs = List.of(job(0, 2, 1000, 0, 100), job(1, 2, 1000, 10, 100));
        List<JobProfile> profiles = List.of(steady(500), steady(500));
        RunMetrics m = run(topology, jobs, profiles, "slurm");
        assertThat(m.completed()).isEqualTo(2);
        assertThat(m.makespanS()).isEqualTo(200);
        assertThat(m.waitsS()).containsExactly(0.0, 90.0);
        assertThat(m.utilization()).isEqualTo(1.0);
    }

    /** FIFO, first fit, one task per node in node order, every job started whole: a policy-free test scheduler. */
    private static final class FirstFit implements Scheduler {
        private final MemoryLimitPolicy policy;
        private final java.util.ArrayDeque<SimJob> queue = new java.util.ArrayDeque<>();
        int requeued;

        FirstFit(MemoryLimitPolicy policy) {
            this.policy = policy;
        }

        @Override public String name() { return "firstfit"; }
        @Override public MemoryLimitPolicy memoryLimits() { return policy; }
        @Override public void onSubmit(SimJob job, SchedulerContext ctx) { queue.add(job); }
        @Override public void onJobEnd(SimJob job, int[] taskNodes, SchedulerContext ctx) { }
        @Override public void onEvicted(SimJob job, SchedulerContext ctx) { queue.addFirst(job); }

        @Override
        public void onRequeued(SimJob job, int[] taskNodes, SchedulerContext ctx) {
            requeued++;
            queue.add(job);
        }

        @Override
        public void schedule(SchedulerContext ctx) {
            while (!queue.isEmpty()) {
                SimJob job = queue.peek();
                int[] nodes = new int[job.tasks()];
                int found = 0;
                for (int n = 0; n < ctx.cluster().nodeCount() && found < nodes.length; n++)
                    if (ctx.cluster().fits(n, job.task())) nodes[found++] = n;
                if (found < nodes.length || !ctx.start(job, nodes)) return;
                queue.poll();
            }
        }
    }

    private static SimJob halfCore(int index, long mem) {
        return new SimJob(index, new JobRequest(index + 1, "u", 1, TaskShape.cpu(500, mem), 200, 0), 0, 100,
                Qos.GUARANTEED, index + 1);
    }

    private static JobProfile burst(long before, long peak, long fromS, long toS) {
        return new JobProfile(1.0, new MemoryTrajectory(before, 0.5, new long[] {0, fromS, toS},
                new long[] {before, peak, before}));
    }

    private static RunMetrics run(Topology topology, List<SimJob> jobs, List<JobProfile> profiles, Scheduler scheduler) {
        DataCenterPlant plant = new DataCenterPlant(topology, PhysicsParameters.defaults(), calibration);
        return new Simulation(jobs, profiles, topology, plant, scheduler, SimulationConfig.defaults(100_000), 1).run();
    }

    @Test
    void shouldLetABurstPassItsRequestWithoutAKillWhenMemoryIsGlassy() {
        Topology topology = cluster(1);
        List<SimJob> jobs = List.of(job(0, 1, 2000, 0, 100));
        List<JobProfile> profiles = List.of(burst(1000, 4000, 10, 60));

        RunMetrics hard = run(topology, jobs, profiles, new FirstFit(MemoryLimitPolicy.LIMIT_EQUALS_REQUEST));
        RunMetrics soft = run(topology, jobs, profiles, new FirstFit(MemoryLimitPolicy.GLASSY));

        assertThat(hard.oomKills()).isEqualTo(1);
        assertThat(soft.oomKills()).isZero();
        assertThat(soft.completed()).isEqualTo(1);
        // alone on the node, the airlock raises memory.high to the usable 95 %: the burst fits, nothing slows
        assertThat(soft.makespanS()).isEqualTo(100);
        assertThat(soft.evacuations()).isZero();
    }

    @Test
    void shouldSlowAJobHeldBelowWhatItAsksForWhenTheNodeCannotHoldItsBurst() {
        Topology topology = cluster(1);
        // asks for 10,000 MiB on an 8,192 MiB node for 50 s: it holds the usable 7,782 MiB and runs at (7782/10000)^2
        List<SimJob> jobs = List.of(job(0, 1, 2000, 0, 100));
        List<JobProfile> profiles = List.of(burst(1000, 10_000, 10, 60));

        RunMetrics m = run(topology, jobs, profiles, new FirstFit(MemoryLimitPolicy.GLASSY));

        assertThat(m.oomKills()).isZero();
        assertThat(m.completed()).isEqualTo(1);
        double speed = MemoryLimitPolicy.reclaimSpeed(7782, 10_000);
        long expected = 60 + (long) Math.ceil((100 - 10 - 50 * speed) - 1e-9);
        assertThat(m.makespanS()).isEqualTo(expected);
    }

    @Test
    void shouldEvacuateTheWeakerAndRunBothToTheEndWhenTwoBurstsDoNotFitOneNode() {
        Topology topology = cluster(1);
        // two jobs of 3,000 MiB each ask for 5,000 at once: 10,000 > 7,782 usable. Same price: the younger (job 1)
        // is the weaker; it is frozen, then evacuated, and runs again after job 0 has ended.
        List<SimJob> jobs = List.of(halfCore(0, 3000), halfCore(1, 3000));
        List<JobProfile> profiles = List.of(burst(1000, 5000, 10, 90), burst(1000, 5000, 10, 90));
        FirstFit scheduler = new FirstFit(MemoryLimitPolicy.GLASSY);

        RunMetrics m = run(topology, jobs, profiles, scheduler);

        assertThat(m.oomKills()).isZero();
        assertThat(m.completed()).isEqualTo(2);
        // t=10 both press: job 1 frozen; t=15 job 0 still presses: frozen too, job 1 evacuated after 10 s of work;
        // t=20 job 0 thawed. Job 1 starts again at once and, later, is only throttled: job 0 no longer presses.
        assertThat(m.evacuations()).isEqualTo(1).isEqualTo(scheduler.requeued);
        assertThat(m.lostWorkS()).isEqualTo(10.0);
        RunMetrics slurm = run(topology, jobs, profiles, new FirstFit(MemoryLimitPolicy.LIMIT_EQUALS_REQUEST));
        assertThat(slurm.oomKills()).isEqualTo(2);
    }
}
