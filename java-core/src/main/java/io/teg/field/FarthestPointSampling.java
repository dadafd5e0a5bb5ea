package io.teg.field;

import java.util.Arrays;

/**
 * Deterministic choice of inducing points: farthest-point traversal of the sample locations (Gonzalez, "Clustering
 * to minimize the maximum intercluster distance", Theor. Comput. Sci. 38, 1985), a 2-approximation of the k-centre
 * problem, so the points cover the sampled region evenly, edges included.
 *
 * <p>The first point is the sample nearest the centroid of all samples; each next one is the sample farthest from
 * every point chosen so far. Ties go to the lowest sample index, so the result depends only on the samples and their
 * order. The traversal stops early once every remaining sample lies within {@link #MIN_SEPARATION_M} of a chosen
 * point, so duplicated locations (two nodes of a chassis) never yield duplicated inducing points, and fewer than M
 * points come back when there are fewer distinct locations. O(n·M) time, O(n) extra memory.
 */
final class FarthestPointSampling {

    /** Locations closer than this, metres, count as one. */
    static final double MIN_SEPARATION_M = 1e-6;

    private FarthestPointSampling() {
    }

    /** Returns {x[], y[]} of at most {@code m} inducing points chosen among the sample locations. */
    static double[][] select(double[] x, double[] y, int m) {
        int n = x.length;
        double cx = 0.0;
        double cy = 0.0;
        for (int i = 0; i < n; i++) {
            cx += x[i];
            cy += y[i];
        }
        cx /= n;
        cy /= n;
        int first = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double d = sq(x[i] - cx) + sq(y[i] - cy);
            if (d < best) {
                best = d;
                first = i;
            }
        }
        double[] zx = new double[m];
        double[] zy = new double[m];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        double minSq = MIN_SEPARATION_M * MIN_SEPARATION_M;
        int chosen = 0;
        int next = first;
        while (true) {
            double px = x[next];
            double py = y[next];
            zx[chosen] = px;
            zy[chosen] = py;
            chosen++;
            if (chosen == m) break;
            double far = -1.0;
            int farIndex = -1;
            for (int i = 0; i < n; i++) {
                double d = sq(x[i] - px) + sq(y[i] - py);
                if (d < nearest[i]) nearest[i] = d;
                if (nearest[i] > far) {
                    far = nearest[i];
                    farIndex = i;
                }
            }
            if (far < minSq) break;
            next = farIndex;
        }
        if (chosen < m) return new double[][]{Arrays.copyOf(zx, chosen), Arrays.copyOf(zy, chosen)};
        return new double[][]{zx, zy};
    }

    private static double sq(double v) {
        return v * v;
    }
}
