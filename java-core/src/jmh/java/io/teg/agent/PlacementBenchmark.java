package io.teg.agent;

import io.teg.model.JobRequest;
import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Latency of one placement decision ({@link PlacementEngine#place(JobRequest, BitSet)}) as the cluster grows from
 * a thousand to a million nodes, reported as a sampled distribution (p50, p99, ...).
 *
 * <p>Set-up per cluster size: GPU nodes (128 cores, 256 GiB, 4 GPUs) in {@link Layout#DEFAULT}; half of them, at
 * random, fully allocated; every node a candidate; a {@link PostedPriceMarket}; a landscape of M = 256 Gaussian
 * wells spread over the plane, so each probe costs the 256 kernel evaluations of a full sparse-GP snapshot; the
 * default {@link AgentParameters} (K = 10 steps, k = 4 nodes, T &gt; 0 so the noise is drawn). Jobs cycle through
 * single tasks and gangs of 2 and 4 with a GPU each. The engine binds nothing, so the cluster's state is the same
 * for every decision.
 *
 * <p>Target: p99 ≤ 50 µs, flat within 20 % from 1k to 1M nodes. Run:
 * <pre>
 *   cd java-core &amp;&amp; mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) org.openjdk.jmh.Main Placement -f 1 -wi 2 -i 3 -w 1 -r 2
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Xms3g"})
public class PlacementBenchmark {

    /** Kernel evaluations per landscape probe. */
    private static final int M = 256;

    @Param({"1000", "10000", "100000", "1000000"})
    public int nodes;

    private PlacementEngine engine;
    private BitSet candidates;
    private JobRequest[] jobs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<NodeSpec> specs = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) specs.add(new NodeSpec("n" + i, 128_000, 262_144, 4, "A100", 0));
        Topology topology = new Topology(specs, Layout.DEFAULT);
        FreeResources free = new FreeResources(topology);
        SplittableRandom random = new SplittableRandom(42);
        TaskShape fullNode = new TaskShape(128_000, 262_144, 4, 1000, 0);
        for (int i = 0; i < nodes; i++) if (random.nextBoolean()) free.allocate(i, fullNode);
        PostedPriceMarket market = new PostedPriceMarket(topology, free, node -> 0.5 + (node % 13) / 13.0,
                1_000_000, 0.1);

        // Wells scaled with the plane (the same field, stretched), at least W/16 wide so that no kernel value
        // underflows: every probe pays M full kernel evaluations at every cluster size.
        double width = topology.x(nodes - 1) + 1.0;
        double[] cx = new double[M], cy = new double[M], depth = new double[M], w = new double[M];
        for (int j = 0; j < M; j++) {
            cx[j] = random.nextDouble() * width;
            cy[j] = random.nextDouble() * 3.0;
            depth[j] = random.nextDouble(-0.5, 1.0);
            w[j] = width / 8 * (0.5 + random.nextDouble());
        }
        AgentParameters parameters = AgentParameters.defaults();
        // Built at the engine's look-ahead once, as a field snapshot is published once per epoch.
        AnalyticLandscape.GaussianWells field = AnalyticLandscape.wells(cx, cy, depth, w).withUniformBz(0.05)
                .ahead(parameters.lookAheadS());
        JobTerms terms = new JobTerms(1000 * JobTerms.MICRO_PER_TOKEN, 1000 * JobTerms.MICRO_PER_TOKEN, 1.0, 0.2);
        engine = new PlacementEngine(topology, free, market, field::ahead, job -> terms, parameters,
                new SplittableRandom(7));
        candidates = new BitSet(nodes);
        candidates.set(0, nodes);
        TaskShape task = new TaskShape(16_000, 32_768, 1, 1000, 0);
        jobs = new JobRequest[8];
        for (int j = 0; j < jobs.length; j++) jobs[j] = new JobRequest(j, "bench", new int[]{1, 2, 1, 4}[j % 4], task, 3600, 0);
        for (JobRequest job : jobs) {
            if (!engine.place(job, candidates).placed())
                throw new IllegalStateException("benchmark job " + job.jobId() + " could not be placed");
        }
        System.gc(); // promote the cluster built above, so no collection copies it during measurement
    }

    @Benchmark
    public Placement place() {
        JobRequest job = jobs[next++ & 7];
        return engine.place(job, candidates);
    }
}
