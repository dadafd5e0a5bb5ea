package io.teg.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FieldSnapshotTest {

    /** A snapshot with M random inducing points over the 20 m × 10 m plane and random weights and rates. */
    private static FieldSnapshot randomSnapshot(int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] zx = new double[m];
        double[] zy = new double[m];
        double[] w = new double[m];
        double[] wr = new double[m];
        for (int i = 0; i < m; i++) {
            zx[i] = random.nextDouble() * 20;
            zy[i] = random.nextDouble() * 10;
            w[i] = SyntheticFields.gaussian(random);
            wr[i] = 0.01 * SyntheticFields.gaussian(random);
        }
        return new FieldSnapshot(3, new Hyperparameters(1.7, 2.2, 0.01), 0.4, 0.002, zx, zy, w, wr);
    }

    @Test
    void shouldMatchCentralFiniteDifferencesWhenComputingGradient() {
        FieldSnapshot snapshot = randomSnapshot(64, 1);
        SplittableRandom random = new SplittableRandom(2);
        double h = 1e-5;
        for (int i = 0; i < 500; i++) {
            double x = random.nextDouble() * 20;
            double y = random.nextDouble() * 10;
            double fdx = (snapshot.value(x + h, y) - snapshot.value(x - h, y)) / (2 * h);
            double fdy = (snapshot.value(x, y + h) - snapshot.value(x, y - h)) / (2 * h);
            Gradient g = snapshot.gradient(x, y);
            double scale = Math.max(Math.hypot(fdx, fdy), 1e-3);
            assertThat(Math.hypot(g.dx() - fdx, g.dy() - fdy) / scale).as("relative error at (%s, %s)", x, y)
                    .isLessThan(1e-5);
        }
    }

    @Test
    void shouldWriteSameValueAndGradientIntoCallerArrayAsSeparateCalls() {
        FieldSnapshot snapshot = randomSnapshot(40, 3);
        double[] out = new double[2];

        double value = snapshot.valueAndGradient(7.5, 3.25, out);

        Gradient g = snapshot.gradient(7.5, 3.25);
        assertThat(value).isCloseTo(snapshot.value(7.5, 3.25), within(1e-12));
        assertThat(out[0]).isCloseTo(g.dx(), within(1e-12));
        assertThat(out[1]).isCloseTo(g.dy(), within(1e-12));
    }

    @Test
    void shouldCarryValueAndRateAsDualWhenPredictingAhead() {
        FieldSnapshot snapshot = randomSnapshot(30, 4);
        double value = snapshot.value(4.0, 6.0);
        double rate = snapshot.rate(4.0, 6.0);

        Dual now = snapshot.predict(4.0, 6.0, 0.0);
        Dual ahead = snapshot.predict(4.0, 6.0, 45.0);

        assertThat(now.value()).isCloseTo(value, within(1e-12));
        assertThat(now.derivative()).isCloseTo(rate, within(1e-15));
        assertThat(ahead.value()).isCloseTo(value + 45.0 * rate, within(1e-12));
        assertThat(ahead.derivative()).isCloseTo(rate, within(1e-15));
        assertThat(now.valueAt(45.0)).isCloseTo(ahead.value(), within(1e-12));
        assertThat(rate).isNotZero();
    }

    @Test
    void shouldGiveGradientOfPredictedFieldWhenPredictingValueAndGradient() {
        FieldSnapshot snapshot = randomSnapshot(50, 5);
        double dt = 120.0;
        double h = 1e-5;
        double[] out = new double[2];

        double predicted = snapshot.predictValueAndGradient(12.0, 2.5, dt, out);

        assertThat(predicted).isCloseTo(snapshot.predict(12.0, 2.5, dt).value(), within(1e-12));
        double fdx = (snapshot.predict(12.0 + h, 2.5, dt).value() - snapshot.predict(12.0 - h, 2.5, dt).value()) / (2 * h);
        double fdy = (snapshot.predict(12.0, 2.5 + h, dt).value() - snapshot.predict(12.0, 2.5 - h, dt).value()) / (2 * h);
        assertThat(Math.hypot(out[0] - fdx, out[1] - fdy) / Math.hypot(fdx, fdy)).isLessThan(1e-5);
    }

    @Test
    void shouldRevertToMeanWhenFarFromEveryInducingPoint() {
        FieldSnapshot snapshot = randomSnapshot(20, 6);

        assertThat(snapshot.value(500.0, -300.0)).isEqualTo(0.4);
        assertThat(snapshot.rate(500.0, -300.0)).isEqualTo(0.002);
        assertThat(snapshot.gradient(500.0, -300.0).norm()).isZero();
    }

    @Test
    void shouldEvaluateFormulaF1WhenComputingValue() {
        SquaredExponentialKernel k = new SquaredExponentialKernel(2.0, 1.5);
        FieldSnapshot snapshot = FieldSnapshot.stationary(0, new Hyperparameters(2.0, 1.5, 0.1), 1.0,
                new double[]{0, 3}, new double[]{0, 1}, new double[]{0.5, -0.25});

        double expected = 1.0 + 0.5 * k.value(1, 2, 0, 0) - 0.25 * k.value(1, 2, 3, 1);

        assertThat(snapshot.value(1, 2)).isCloseTo(expected, within(1e-14));
        assertThat(snapshot.rate(1, 2)).isZero();
        assertThat(snapshot.hasRate()).isFalse();
    }

    @Test
    void shouldNotAllocateWhenEvaluatingValueAndGradientIntoCallerArray() {
        FieldSnapshot snapshot = randomSnapshot(256, 7);
        double[] out = new double[2];
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        double sink = 0;
        for (int i = 0; i < 20_000; i++) sink += snapshot.valueAndGradient(i % 20, i % 10, out);

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 20_000; i++) sink += snapshot.predictValueAndGradient(i % 20, i % 10, 30.0, out);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(sink).isFinite();
        assertThat(allocated).isLessThan(1024);
    }

    @Test
    void shouldKeepOwnCopiesWhenCallerMutatesArrays() {
        double[] zx = {1, 2};
        double[] zy = {3, 4};
        double[] w = {0.5, 0.5};
        FieldSnapshot snapshot = FieldSnapshot.stationary(1, new Hyperparameters(1, 1, 0.1), 0, zx, zy, w);
        double before = snapshot.value(1.5, 3.5);

        zx[0] = 100;
        w[1] = 7;
        snapshot.weights()[0] = 9;
        snapshot.inducingX()[1] = 9;

        assertThat(snapshot.value(1.5, 3.5)).isEqualTo(before);
        assertThat(snapshot.inducingX()).containsExactly(1, 2);
        assertThat(snapshot.weights()).containsExactly(0.5, 0.5);
    }

    @Test
    void shouldRejectSnapshotWhenMoreThan256InducingPoints() {
        double[] a = new double[257];
        assertThatThrownBy(() -> FieldSnapshot.stationary(0, new Hyperparameters(1, 1, 0.1), 0, a, a, a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..256 inducing points, got 257");
    }

    @Test
    void shouldRejectSnapshotWhenAValueIsNotFinite() {
        Hyperparameters h = new Hyperparameters(1, 1, 0.1);
        assertThatThrownBy(() -> FieldSnapshot.stationary(0, h, 0, new double[]{0, 1}, new double[]{0, 1},
                new double[]{0, Double.NaN})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights[1] must be finite, got NaN");
        assertThatThrownBy(() -> FieldSnapshot.stationary(0, h, Double.POSITIVE_INFINITY, new double[]{0},
                new double[]{0}, new double[]{0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mean must be finite");
        assertThatThrownBy(() -> new FieldSnapshot(0, h, 0, 0, new double[]{0}, new double[]{Double.NEGATIVE_INFINITY},
                new double[]{0}, new double[]{0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inducingY[0]");
    }

    @Test
    void shouldRejectSnapshotWhenLengthsDifferOrEpochIsNegative() {
        Hyperparameters h = new Hyperparameters(1, 1, 0.1);
        assertThatThrownBy(() -> new FieldSnapshot(0, h, 0, 0, new double[]{0, 1}, new double[]{0, 1},
                new double[]{0, 1}, new double[]{0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same length, got 2, 2, 2, 1");
        assertThatThrownBy(() -> FieldSnapshot.stationary(-1, h, 0, new double[]{0}, new double[]{0}, new double[]{0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epoch must be >= 0");
        assertThatThrownBy(() -> FieldSnapshot.stationary(0, h, 0, new double[0], new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    @Test
    void shouldRejectEvaluationWhenArgumentsAreInvalid() {
        FieldSnapshot snapshot = randomSnapshot(4, 8);
        assertThatThrownBy(() -> snapshot.predict(1, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dtS");
        assertThatThrownBy(() -> snapshot.valueAndGradient(1, 1, new double[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length >= 2");
    }
}
