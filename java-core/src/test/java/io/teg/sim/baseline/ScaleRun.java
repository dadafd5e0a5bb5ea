package io.teg.sim.baseline;

import io.teg.model.JobRequest;
import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import io.teg.sim.Qos;
import io.teg.sim.Scheduler;
import io.teg.sim.SimJob;
import io.teg.sim.Simulation;
import io.teg.sim.SimulationConfig;
import io.teg.sim.metrics.RunMetrics;
import io.teg.sim.physics.JobProfile;
import io.teg.sim.physics.MemoryTrajectory;
import io.teg.sim.physics.Plant;
import io.teg.sim.physics.PlantTotals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times one baseline on a large synthetic workload through the real {@link Simulation}, with a machine room that
 * never throttles and draws no power (the schedulers' cost is what is measured). Not a test: run it by hand.
 *
 * <pre>
 *   java -cp target/classes:target/test-classes:HdrHistogram.jar io.teg.sim.baseline.ScaleRun \
 *        NAME NODES JOBS [OFFERED_LOAD [SEED]]
 *   e.g. ScaleRun slurm 100000 1000000 1.1 1
 * </pre>
 *
 * Cluster: 7 of 8 nodes are CPU nodes (32 cores, 256 GiB), 1 of 8 GPU nodes (64 cores, 512 GiB, 8 GPUs). Jobs: 85 %
 * CPU (70 % one task, 20 % 2..8 tasks, 10 % gangs of 16..64), 15 % GPU (1..8 GPUs a task, 80 % one task); runtimes
 * log-uniform in [60 s, 6 h]; time limits 1..3 times the runtime; Poisson arrivals at the rate that offers
 * {@code OFFERED_LOAD} times the cluster's CPU capacity.
 */
public final class ScaleRun {

    private ScaleRun() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ScaleRun NAME NODES JOBS [OFFERED_LOAD [SEED]]");
            System.exit(2);
        }
        String name = args[0];
        int nodes = Integer.parseInt(args[1]);
        int jobs = Integer.parseInt(args[2]);
        double load = args.length > 3 ? Double.parseDouble(args[3]) : 1.1;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;

        List<NodeSpec> specs = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            specs.add(i % 8 == 7 ? new NodeSpec("g" + i, 64_000, 524_288, 8, "H100", 0)
                    : NodeSpec.cpuOnly("c" + i, 32_000, 262_144));
        }
        Topology topology = new Topology(specs, Layout.DEFAULT);
        long cpuCapacity = specs.stream().mapToLong(NodeSpec::cpuMilli).sum();

        SplittableRandom rnd = new SplittableRandom(seed);
        List<JobRequest> requests = new ArrayList<>(jobs);
        long[] runtimes = new long[jobs];
        double cpuMilliSeconds = 0;
        for (int i = 0; i < jobs; i++) {
            boolean gpu = rnd.nextInt(100) < 15;
            int tasks;
            TaskShape shape;
            if (gpu) {
                int g = 1 << rnd.nextInt(4);
                tasks = rnd.nextInt(10) < 8 ? 1 : rnd.nextInt(2, 9);
                shape = new TaskShape(8000 * g, 32_768L * g, g, 1000, 0L);
            } else {
                int p = rnd.nextInt(100);
                tasks = p < 70 ? 1 : p < 90 ? rnd.nextInt(2, 9) : rnd.nextInt(16, 65);
                int cores = 1 << rnd.nextInt(6);
                shape = TaskShape.cpu(1000 * cores, 4096L * cores);
            }
            long runtime = Math.round(Math.exp(rnd.nextDouble(Math.log(60), Math.log(21_600))));
            long limit = (long) Math.ceil(runtime * rnd.nextDouble(1.0, 3.0));
            runtimes[i] = runtime;
            requests.add(new JobRequest(i, "a" + (i % 50), tasks, shape, limit, 0));
            cpuMilliSeconds += (double) tasks * shape.cpuMilli() * runtime;
        }
        double meanGapS = cpuMilliSeconds / jobs / (load * cpuCapacity);
        List<SimJob> simJobs = new ArrayList<>(jobs);
        List<JobProfile> profiles = new ArrayList<>(jobs);
        double t = 0;
        for (int i = 0; i < jobs; i++) {
            t += -Math.log(1 - rnd.nextDouble()) * meanGapS;
            JobRequest r = requests.get(i);
            simJobs.add(new SimJob(i, r, (long) t, runtimes[i], Qos.GUARANTEED, i + 1));
            long use = Math.max(1, r.task().memMiB() / 2);
            profiles.add(new JobProfile(1.0, new MemoryTrajectory(use, 1.0, new long[] {0}, new long[] {use})));
        }

        Scheduler scheduler = Baselines.create(name);
        SimulationConfig config = SimulationConfig.defaults((long) t);
        long t0 = System.nanoTime();
        long step = Math.max(1, jobs / 20);
        long[] nextReport = {step};
        RunMetrics m = new Simulation(simJobs, profiles, topology, new IdealPlant(), scheduler, config, seed)
                .onProgress(done -> {
                    if (done >= nextReport[0]) {
                        System.err.printf("  %d/%d jobs done after %.1fs%n", done, jobs, (System.nanoTime() - t0) / 1e9);
                        nextReport[0] = (done / step + 1) * step;
                    }
                })
                .run();
        double wallS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s nodes=%d jobs=%d load=%.2f wall=%.1fs completed=%d makespan=%ds util=%.3f"
                        + " meanWait=%.0fs decisions=%d touched/decision=%.1f p50=%dns p99=%dns deadlockedGangs=%d%n",
                name, nodes, jobs, load, wallS, m.completed(), m.makespanS(), m.utilization(), m.meanWaitS(),
                m.decisions(), m.nodesTouchedPerDecision(), m.decisionLatencyNs().getValueAtPercentile(50),
                m.decisionLatencyNs().getValueAtPercentile(99), m.deadlockedGangs());
    }

    /** A machine room that never throttles and draws no power. */
    private static final class IdealPlant implements Plant {
        private static final int[] NONE = new int[0];

        @Override
        public void taskStarted(int node, TaskShape shape, JobProfile profile) {
        }

        @Override
        public void taskEnded(int node, TaskShape shape, JobProfile profile) {
        }

        @Override
        public int[] advance(long nowS, long dtS) {
            return NONE;
        }

        @Override
        public double speed(int node) {
            return 1.0;
        }

        @Override
        public double itPowerW() {
            return 0;
        }

        @Override
        public double coolingPowerW() {
            return 0;
        }

        @Override
        public double rackPowerW(int rack) {
            return 0;
        }

        @Override
        public double rackMaxInletC(int rack) {
            return 20.0;
        }

        @Override
        public PlantTotals totals() {
            return new PlantTotals(0, 0, 0, 0, 0, 20.0);
        }

        @Override
        public double nodeIdleW(int node) {
            return 0;
        }

        @Override
        public double nodeDynamicDemandW(int node) {
            return 0;
        }

        @Override
        public double rackCapW(int rack) {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public double rowCapW(int row) {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public double zoneCapW(int zone) {
            return Double.POSITIVE_INFINITY;
        }

        /** Draws no power, so a cap changes nothing. */
        @Override
        public void capDynamicPower(int node, double share) {
        }
    }
}
