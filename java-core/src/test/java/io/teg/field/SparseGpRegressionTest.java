package io.teg.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

class SparseGpRegressionTest {

    private static final double NOISE_SD = 0.1;

    @Test
    void shouldRecoverTwoBumpsOnHeldOutPointsWhenFittingNoisySamples() {
        SplittableRandom random = new SplittableRandom(11);
        FieldSamples samples = SyntheticFields.sample(SyntheticFields.uniformLocations(2000, random),
                SyntheticFields::twoBumps, NOISE_SD, random);

        FieldSnapshot snapshot = new SparseGpRegression(64).fit(0, samples);

        // Noise sd 0.1 on peaks of height 3 and 2: the reconstruction must land well inside the noise.
        assertThat(snapshot.inducingPointCount()).isEqualTo(64);
        assertThat(SyntheticFields.rmse(snapshot, SyntheticFields::twoBumps, 4000, new SplittableRandom(12)))
                .isLessThan(0.04);
        assertThat(snapshot.hyperparameters().noiseVariance()).isCloseTo(NOISE_SD * NOISE_SD, within(0.002));
        assertThat(snapshot.hyperparameters().lengthScaleM()).isBetween(1.0, 4.0);
        assertThat(snapshot.hasRate()).isFalse();
    }

    @Test
    void shouldEqualExactGaussianProcessWhenEveryLocationIsAnInducingPoint() {
        // 8 × 5 grid, 2 m apart: with M ≥ n the inducing points are the samples and Q_nn = K_nn, so DTC is exact.
        int n = 40;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            x[i] = 1.0 + 2.0 * (i % 8);
            y[i] = 1.0 + 2.0 * (i / 8);
            v[i] = SyntheticFields.twoBumps(x[i], y[i]) + 0.05 * SyntheticFields.gaussian(random);
        }
        FieldSamples samples = new FieldSamples(x, y, v);
        Hyperparameters h = new Hyperparameters(1.5, 2.0, 0.01);
        SparseGpRegression regression = new SparseGpRegression(new SparseGpRegression.Options(64, 2048, 60, 1e-10));

        FieldSnapshot snapshot = regression.fit(0, samples, h);

        assertThat(snapshot.inducingPointCount()).isEqualTo(n);
        double mean = samples.meanValue();
        RealMatrix k = kernelMatrix(h.kernel(), x, y, x, y).add(identity(n).scalarMultiply(h.noiseVariance()));
        RealVector centred = new ArrayRealVector(v).mapSubtract(mean);
        RealVector beta = new CholeskyDecomposition(k).getSolver().solve(centred);
        for (double[] p : new double[][]{{3.3, 2.2}, {9.0, 6.5}, {14.1, 7.2}, {0.0, 0.0}}) {
            double exact = mean + kernelMatrix(h.kernel(), new double[]{p[0]}, new double[]{p[1]}, x, y)
                    .operate(beta).getEntry(0);
            assertThat(snapshot.value(p[0], p[1])).isCloseTo(exact, within(1e-6));
        }
        RealMatrix kn = kernelMatrix(h.kernel(), x, y, x, y);
        double exactLogLikelihood = gaussianLogDensity(kn.add(identity(n).scalarMultiply(h.noiseVariance())), centred);
        assertThat(regression.logMarginalLikelihood(samples, x, y, h)).isCloseTo(exactLogLikelihood, within(1e-5));
    }

    @Test
    void shouldMatchDenseDtcLikelihoodWhenComputedThroughInversionLemma() {
        SplittableRandom random = new SplittableRandom(5);
        FieldSamples samples = SyntheticFields.sample(SyntheticFields.uniformLocations(150, random),
                SyntheticFields::twoBumps, NOISE_SD, random);
        Hyperparameters h = new Hyperparameters(0.8, 2.5, 0.02);
        double jitter = 1e-6;
        SparseGpRegression regression = new SparseGpRegression(new SparseGpRegression.Options(30, 2048, 60, jitter));
        FieldSnapshot basis = regression.fit(0, samples, h);
        double[] zx = basis.inducingX();
        double[] zy = basis.inducingY();

        // O(n³) reference: Q_nn + σ_n²I with Q_nn = K_nm (K_mm + jσ_f²I)⁻¹ K_mn.
        double[] x = samples.xs();
        double[] y = samples.ys();
        RealMatrix kmm = kernelMatrix(h.kernel(), zx, zy, zx, zy)
                .add(identity(zx.length).scalarMultiply(jitter * h.signalVariance()));
        RealMatrix knm = kernelMatrix(h.kernel(), x, y, zx, zy);
        RealMatrix q = knm.multiply(new CholeskyDecomposition(kmm).getSolver().solve(knm.transpose()));
        RealMatrix cov = q.add(q.transpose()).scalarMultiply(0.5).add(identity(x.length).scalarMultiply(h.noiseVariance()));
        RealVector centred = new ArrayRealVector(samples.values()).mapSubtract(samples.meanValue());
        double dense = gaussianLogDensity(cov, centred);

        assertThat(regression.logMarginalLikelihood(samples, zx, zy, h)).isCloseTo(dense, within(1e-6 * Math.abs(dense)));
        // And the weights are (σ_n² K_mm + K_mn K_nm)⁻¹ K_mn y, (R1).
        RealMatrix normal = kmm.scalarMultiply(h.noiseVariance()).add(knm.transpose().multiply(knm));
        RealVector alpha = new CholeskyDecomposition(normal, 1e-12, 1e-14).getSolver()
                .solve(knm.transpose().operate(centred));
        for (int m = 0; m < zx.length; m++)
            assertThat(basis.weight(m)).isCloseTo(alpha.getEntry(m), within(1e-6 * alpha.getLInfNorm()));
    }

    @Test
    void shouldPreferTrueLengthScaleWhenComparingMarginalLikelihoods() {
        // A random smooth field with covariance length scale 2 m: a sum of bumps of width 2/√2 m, because the
        // convolution of two Gaussians of width w has width √2·w.
        double trueLength = 2.0;
        SplittableRandom random = new SplittableRandom(21);
        int centres = 120;
        double[] cx = new double[centres];
        double[] cy = new double[centres];
        double[] c = new double[centres];
        for (int j = 0; j < centres; j++) {
            cx[j] = -4 + random.nextDouble() * 28;
            cy[j] = -4 + random.nextDouble() * 18;
            c[j] = SyntheticFields.gaussian(random);
        }
        DoubleBinaryOperator f = (px, py) -> {
            double s = 0;
            for (int j = 0; j < centres; j++) s += SyntheticFields.bump(px, py, c[j], cx[j], cy[j], trueLength / Math.sqrt(2));
            return s;
        };
        FieldSamples samples = SyntheticFields.sample(SyntheticFields.uniformLocations(1500, random), f, 0.05, random);
        SparseGpRegression regression = new SparseGpRegression(100);
        FieldSnapshot fitted = regression.fit(0, samples);
        double[] zx = fitted.inducingX();
        double[] zy = fitted.inducingY();
        double sf2 = fitted.hyperparameters().signalVariance();
        double sn2 = fitted.hyperparameters().noiseVariance();

        double atTrue = regression.logMarginalLikelihood(samples, zx, zy, new Hyperparameters(sf2, trueLength, sn2));
        double tooShort = regression.logMarginalLikelihood(samples, zx, zy, new Hyperparameters(sf2, trueLength / 5, sn2));
        double tooLong = regression.logMarginalLikelihood(samples, zx, zy, new Hyperparameters(sf2, trueLength * 5, sn2));

        assertThat(atTrue).isGreaterThan(tooShort + 100).isGreaterThan(tooLong + 100);
        assertThat(fitted.hyperparameters().lengthScaleM()).isBetween(trueLength / 1.3, trueLength * 1.3);
    }

    @Test
    void shouldFollowTranslatingBumpWhenWarmStartingNextEpoch() {
        // A bump of height 2 and width 1.5 m moving +1 m along x in one 60 s epoch, sampled at 2,000 fixed locations.
        double interval = 60.0;
        DoubleBinaryOperator before = (x, y) -> SyntheticFields.bump(x, y, 2.0, 9.0, 5.0, 1.5);
        DoubleBinaryOperator after = (x, y) -> SyntheticFields.bump(x, y, 2.0, 10.0, 5.0, 1.5);
        SplittableRandom random = new SplittableRandom(8);
        double[][] nodes = SyntheticFields.uniformLocations(2000, random);
        SparseGpRegression regression = new SparseGpRegression(64);
        FieldSnapshot first = regression.fit(7, SyntheticFields.sample(nodes, before, 0.02, random));

        FieldSnapshot second = regression.fit(first, SyntheticFields.sample(nodes, after, 0.02, random), interval);

        assertThat(second.epoch()).isEqualTo(8);
        for (double[] p : new double[][]{{11.0, 5.0}, {8.0, 5.0}, {10.5, 6.0}, {8.5, 4.0}}) {
            double trueRate = (after.applyAsDouble(p[0], p[1]) - before.applyAsDouble(p[0], p[1])) / interval;
            double rate = second.rate(p[0], p[1]);
            assertThat(Math.signum(rate)).as("sign of the rate at (%s, %s)", p[0], p[1]).isEqualTo(Math.signum(trueRate));
            assertThat(rate).as("rate at (%s, %s)", p[0], p[1]).isCloseTo(trueRate, within(0.1 * Math.abs(trueRate)));
            assertThat(second.predict(p[0], p[1], 0.0).derivative()).isEqualTo(rate);
        }
    }

    @Test
    void shouldReproduceCurrentFieldFromPreviousPlusIntervalTimesRateWhenWarmStarting() {
        SplittableRandom random = new SplittableRandom(2);
        double[][] nodes = SyntheticFields.uniformLocations(800, random);
        SparseGpRegression regression = new SparseGpRegression(48);
        FieldSnapshot first = regression.fit(0, SyntheticFields.sample(nodes, SyntheticFields::twoBumps, 0.05, random));
        DoubleBinaryOperator warmer = (x, y) -> SyntheticFields.twoBumps(x, y) + 0.5 + 0.1 * x;

        FieldSnapshot second = regression.fit(first, 3, SyntheticFields.sample(nodes, warmer, 0.05, random), 30.0);

        assertThat(second.epoch()).isEqualTo(3);
        assertThat(second.inducingX()).isEqualTo(first.inducingX());
        assertThat(second.inducingY()).isEqualTo(first.inducingY());
        assertThat(second.hyperparameters()).isEqualTo(first.hyperparameters());
        assertThat(second.meanRate()).isGreaterThan(0.0);
        for (int i = 0; i < 200; i++) {
            double x = random.nextDouble() * 24 - 2;
            double y = random.nextDouble() * 14 - 2;
            assertThat(first.value(x, y) + 30.0 * second.rate(x, y)).isCloseTo(second.value(x, y), within(1e-9));
        }
    }

    @Test
    void shouldHaveNoRateWhenSamplesRepeatExactly() {
        SplittableRandom random = new SplittableRandom(4);
        FieldSamples samples = SyntheticFields.sample(SyntheticFields.uniformLocations(500, random),
                SyntheticFields::twoBumps, NOISE_SD, random);
        SparseGpRegression regression = new SparseGpRegression(32);
        FieldSnapshot first = regression.fit(0, samples);

        FieldSnapshot second = regression.fit(first, samples, 60.0);

        assertThat(second.hasRate()).isFalse();
        assertThat(second.weights()).isEqualTo(first.weights());
    }

    @Test
    void shouldGiveIdenticalSnapshotsWhenFittingSameSamplesTwice() {
        SplittableRandom random = new SplittableRandom(6);
        FieldSamples samples = SyntheticFields.sample(SyntheticFields.uniformLocations(600, random),
                SyntheticFields::twoBumps, NOISE_SD, random);

        FieldSnapshot a = new SparseGpRegression(40).fit(5, samples);
        FieldSnapshot b = new SparseGpRegression(40).fit(5, samples);

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void shouldUseEachDistinctLocationOnceWhenLocationsRepeat() {
        // 12 locations, each sampled 5 times (like nodes sharing a chassis), asked for 64 inducing points.
        int distinct = 12;
        double[] x = new double[distinct * 5];
        double[] y = new double[distinct * 5];
        double[] v = new double[distinct * 5];
        for (int i = 0; i < x.length; i++) {
            int loc = i % distinct;
            x[i] = 1.5 * loc;
            y[i] = loc % 3;
            v[i] = Math.sin(x[i]) + 0.01 * i;
        }

        FieldSnapshot snapshot = new SparseGpRegression(64).fit(0, new FieldSamples(x, y, v),
                new Hyperparameters(1.0, 1.5, 0.01));

        assertThat(snapshot.inducingPointCount()).isEqualTo(distinct);
        for (int a = 0; a < distinct; a++)
            for (int b = a + 1; b < distinct; b++)
                assertThat(Math.hypot(snapshot.inducingX(a) - snapshot.inducingX(b),
                        snapshot.inducingY(a) - snapshot.inducingY(b))).isGreaterThan(0.5);
    }

    @Test
    void shouldSpreadInducingPointsOverPlaneWhenSamplesAreUniform() {
        SplittableRandom random = new SplittableRandom(9);
        FieldSamples samples = SyntheticFields.sample(SyntheticFields.uniformLocations(3000, random),
                SyntheticFields::twoBumps, NOISE_SD, random);

        FieldSnapshot snapshot = new SparseGpRegression(64).fit(0, samples, new Hyperparameters(1.0, 2.0, 0.01));

        // Farthest-point traversal: every sample lies within a covering radius comparable to the grid spacing
        // √(200 m² / 64) ≈ 1.8 m of some inducing point.
        double worst = 0.0;
        for (int i = 0; i < samples.size(); i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int m = 0; m < snapshot.inducingPointCount(); m++)
                best = Math.min(best, Math.hypot(samples.x(i) - snapshot.inducingX(m), samples.y(i) - snapshot.inducingY(m)));
            worst = Math.max(worst, best);
        }
        assertThat(worst).isLessThan(1.8);
    }

    @Test
    void shouldReturnFlatFieldWhenAllSamplesAreEqual() {
        SplittableRandom random = new SplittableRandom(1);
        double[][] loc = SyntheticFields.uniformLocations(100, random);

        FieldSnapshot snapshot = new SparseGpRegression(16).fit(0, SyntheticFields.sample(loc, (x, y) -> 0.7, 0.0, random));

        assertThat(snapshot.value(3.0, 4.0)).isCloseTo(0.7, within(1e-12));
        assertThat(snapshot.gradient(3.0, 4.0).norm()).isZero();
        assertThat(snapshot.weights()).containsOnly(0.0);
    }

    @Test
    void shouldRejectWarmStartWhenEpochOrIntervalIsInvalid() {
        SplittableRandom random = new SplittableRandom(1);
        FieldSamples samples = SyntheticFields.sample(SyntheticFields.uniformLocations(50, random),
                SyntheticFields::twoBumps, NOISE_SD, random);
        SparseGpRegression regression = new SparseGpRegression(8);
        FieldSnapshot first = regression.fit(4, samples, new Hyperparameters(1.0, 2.0, 0.01));

        assertThatThrownBy(() -> regression.fit(first, 4, samples, 60.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the previous snapshot's 4");
        assertThatThrownBy(() -> regression.fit(first, samples, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intervalS");
        assertThatThrownBy(() -> regression.fit(first, samples, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intervalS");
        assertThatThrownBy(() -> regression.fit(null, samples, 60.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previous");
        assertThatThrownBy(() -> regression.fit(0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples");
    }

    @Test
    void shouldRejectOptionsWhenOutOfRange() {
        assertThatThrownBy(() -> SparseGpRegression.Options.defaults(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inducingPoints must be in 1..256");
        assertThatThrownBy(() -> new SparseGpRegression(257))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 257");
        assertThatThrownBy(() -> new SparseGpRegression.Options(64, 0, 60, 1e-6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLikelihoodSamples");
        assertThatThrownBy(() -> new SparseGpRegression.Options(64, 100, 5, 1e-6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLikelihoodEvaluations");
        assertThatThrownBy(() -> new SparseGpRegression.Options(64, 100, 60, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    }

    @Test
    void shouldRejectInducingPointsWhenLikelihoodArgumentsAreInvalid() {
        SplittableRandom random = new SplittableRandom(1);
        FieldSamples samples = SyntheticFields.sample(SyntheticFields.uniformLocations(20, random),
                SyntheticFields::twoBumps, NOISE_SD, random);
        SparseGpRegression regression = new SparseGpRegression(8);
        Hyperparameters h = new Hyperparameters(1.0, 2.0, 0.01);

        assertThatThrownBy(() -> regression.logMarginalLikelihood(samples, new double[]{1, 2}, new double[]{1}, h))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equal-length");
        assertThatThrownBy(() -> regression.logMarginalLikelihood(samples, new double[]{1, Double.NaN},
                new double[]{1, 2}, h)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inducing point 1");
        assertThatThrownBy(() -> regression.logMarginalLikelihood(samples, new double[257], new double[257], h))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..256");
    }

    private static RealMatrix kernelMatrix(SquaredExponentialKernel k, double[] ax, double[] ay, double[] bx, double[] by) {
        RealMatrix out = new Array2DRowRealMatrix(ax.length, bx.length);
        for (int i = 0; i < ax.length; i++)
            for (int j = 0; j < bx.length; j++) out.setEntry(i, j, k.value(ax[i], ay[i], bx[j], by[j]));
        return out;
    }

    private static RealMatrix identity(int n) {
        RealMatrix out = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) out.setEntry(i, i, 1.0);
        return out;
    }

    /** log N(y; 0, cov) by a dense Cholesky factorisation. */
    private static double gaussianLogDensity(RealMatrix cov, RealVector y) {
        CholeskyDecomposition chol = new CholeskyDecomposition(cov, 1e-12, 1e-14);
        RealMatrix l = chol.getL();
        double logDet = 0.0;
        for (int i = 0; i < y.getDimension(); i++) logDet += 2.0 * Math.log(l.getEntry(i, i));
        double quad = y.dotProduct(chol.getSolver().solve(y));
        return -0.5 * quad - 0.5 * logDet - 0.5 * y.getDimension() * Math.log(2.0 * Math.PI);
    }
}
