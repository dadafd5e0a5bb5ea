package io.teg.field;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

/** Known fields on a 20 m × 10 m plane and seeded noisy samples of them, for the regression tests. */
final class SyntheticFields {

    static final double WIDTH_M = 20.0;
    static final double DEPTH_M = 10.0;

    private SyntheticFields() {
    }

    /** A Gaussian bump of the given height, centre and width (metres). */
    static double bump(double x, double y, double height, double cx, double cy, double widthM) {
        double dx = x - cx;
        double dy = y - cy;
        return height * Math.exp(-(dx * dx + dy * dy) / (2.0 * widthM * widthM));
    }

    /** Two bumps: 3 high at (6, 4) with width 2 m, and 2 high at (14, 7) with width 1.5 m. */
    static double twoBumps(double x, double y) {
        return bump(x, y, 3.0, 6.0, 4.0, 2.0) + bump(x, y, 2.0, 14.0, 7.0, 1.5);
    }

    /** A standard normal deviate (Box–Muller). */
    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** {x[], y[]} of n locations uniform over the plane. */
    static double[][] uniformLocations(int n, SplittableRandom random) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() * WIDTH_M;
            y[i] = random.nextDouble() * DEPTH_M;
        }
        return new double[][]{x, y};
    }

    /** f at the locations plus N(0, noiseSd²) noise. */
    static FieldSamples sample(double[][] locations, DoubleBinaryOperator f, double noiseSd, SplittableRandom random) {
        double[] x = locations[0];
        double[] y = locations[1];
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) v[i] = f.applyAsDouble(x[i], y[i]) + noiseSd * gaussian(random);
        return new FieldSamples(x, y, v);
    }

    /** Root-mean-square error of the snapshot against f at {@code points} held-out uniform locations. */
    static double rmse(FieldSnapshot snapshot, DoubleBinaryOperator f, int points, SplittableRandom random) {
        double se = 0.0;
        for (int i = 0; i < points; i++) {
            double x = random.nextDouble() * WIDTH_M;
            double y = random.nextDouble() * DEPTH_M;
            double d = snapshot.value(x, y) - f.applyAsDouble(x, y);
            se += d * d;
        }
        return Math.sqrt(se / points);
    }
}
