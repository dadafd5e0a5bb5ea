package io.teg.sim.physics;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one 60 s physics step of {@link DataCenterPlant}, and of a task start plus end, on a room of
 * {@code nodes} nodes of which about 70% run a task. The claim in {@code docs/model.md} (100,000 nodes, 20,000
 * steps in well under a minute of stepping) rests on {@link #step}.
 *
 * <p>Run: {@code mvn -o -q test-compile} then
 * {@code java -cp "java-core/target/test-classes:java-core/target/classes:$(cat cp.txt)" org.openjdk.jmh.Main DataCenterPlantBenchmark}
 * with cp.txt from {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DataCenterPlantBenchmark {

    @Param({"10000", "100000"})
    public int nodes;

    private DataCenterPlant plant;
    private long now;
    private final TaskShape task = TaskShape.cpu(10_000, 1024);
    private final JobProfile profile = new JobProfile(1.0, new MemoryTrajectory(1, 0.5, new long[] {0}, new long[] {1}));

    @Setup
    public void setUp() {
        List<NodeSpec> specs = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) specs.add(NodeSpec.cpuOnly("n" + i, 20_000, 65_536));
        Calibration cal = new Calibration(4, 40, 108, new double[] {0.3, 0.8, 1.0, 1.4, 1.6}, 63, 1,
                0.064, 414.5, 1, 37.9, 650, 1, 28, 1);
        plant = new DataCenterPlant(new Topology(specs, Layout.DEFAULT), PhysicsParameters.defaults(), cal);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < nodes; i++) {
            if (r.nextDouble() < 0.7) plant.taskStarted(i, task, profile);
        }
        plant.advance(0, 0);
    }

    @Benchmark
    public int[] step() {
        now += 60;
        return plant.advance(now, 60);
    }

    @Benchmark
    public double startAndEndTask() {
        plant.taskStarted(nodes / 2, task, profile);
        plant.taskEnded(nodes / 2, task, profile);
        return plant.nodePowerW(nodes / 2);
    }
}
