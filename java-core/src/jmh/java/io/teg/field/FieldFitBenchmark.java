package io.teg.field;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of projecting the field and of reading it.
 *
 * <ul>
 *   <li>{@code fullFit}: inducing points, hyperparameters by marginal likelihood, weights — the occasional path;</li>
 *   <li>{@code warmFit}: weights only on the previous epoch's basis, with α̇ — the per-epoch path (target: 10k samples
 *       at M = 256 in ≤ 200 ms); compare it with {@code fullFit} at the same sample count;</li>
 *   <li>{@code valueAndGradient} against its baseline {@code value}: one agent read of Φ and ∇Φ at M = 256.</li>
 * </ul>
 *
 * Samples: two Gaussian bumps on a 20 m × 10 m plane plus N(0, 0.1²) noise, seeded. Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main FieldFit}.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FieldFitBenchmark {

    private static FieldSamples samples(int n, SplittableRandom random) {
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() * 20.0;
            y[i] = random.nextDouble() * 10.0;
            v[i] = bumps(x[i], y[i]) + 0.1 * gaussian(random);
        }
        return new FieldSamples(x, y, v);
    }

    private static double bumps(double x, double y) {
        return 3.0 * Math.exp(-((x - 6) * (x - 6) + (y - 4) * (y - 4)) / 8.0)
                + 2.0 * Math.exp(-((x - 14) * (x - 14) + (y - 7) * (y - 7)) / 4.5);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble())) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    /** One epoch's samples, the previous epoch's snapshot and the next epoch's samples. */
    @State(Scope.Benchmark)
    public static class Fit {
        @Param({"1000", "10000", "100000"})
        int sampleCount;

        @Param("256")
        int inducingPoints;

        SparseGpRegression regression;
        FieldSamples current;
        FieldSamples next;
        FieldSnapshot previous;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(42);
            regression = new SparseGpRegression(inducingPoints);
            current = samples(sampleCount, random);
            next = samples(sampleCount, random);
            previous = regression.fit(0, current);
        }
    }

    /** A fitted M = 256 snapshot and 1,024 query points. */
    @State(Scope.Thread)
    public static class Read {
        FieldSnapshot snapshot;
        double[] qx = new double[1024];
        double[] qy = new double[1024];
        double[] gradient = new double[2];
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(7);
            snapshot = new SparseGpRegression(256).fit(0, samples(10_000, random));
            for (int i = 0; i < qx.length; i++) {
                qx[i] = random.nextDouble() * 20.0;
                qy[i] = random.nextDouble() * 10.0;
            }
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public FieldSnapshot fullFit(Fit s) {
        return s.regression.fit(1, s.current);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public FieldSnapshot warmFit(Fit s) {
        return s.regression.fit(s.previous, s.next, 60.0);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double value(Read r) {
        int i = r.next++ & 1023;
        return r.snapshot.value(r.qx[i], r.qy[i]);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double valueAndGradient(Read r) {
        int i = r.next++ & 1023;
        return r.snapshot.valueAndGradient(r.qx[i], r.qy[i], r.gradient) + r.gradient[0] + r.gradient[1];
    }
}
