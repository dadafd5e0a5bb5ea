package io.teg.agent;

import io.teg.model.Topology;

import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * A bucketed uniform grid over node coordinates, built once per topology, that answers "the k nearest nodes to
 * (x, y) that a predicate accepts, among a candidate set". Immutable and thread-safe.
 *
 * <p>Layout: the bounding box of the nodes is cut into square buckets of side s, chosen so that there are about
 * {@code nodesPerBucket} nodes per bucket on average (s = √(area·ρ/N), or the 1-D equivalent when the box is a
 * line). Nodes are stored bucket by bucket (a counting sort, O(N) to build), with their coordinates beside them,
 * so a bucket is one contiguous run of memory.
 *
 * <p>Search: from the query's bucket, rings of buckets at Chebyshev distance r = 0, 1, 2, … are scanned outward.
 * A node outside the candidate set is skipped on a bit test; a node no nearer than the current k-th best is
 * skipped before the predicate is evaluated, so the predicate (a read of the node's free resources) runs only on
 * nodes that could enter the answer. The search stops when k nodes are held and no bucket beyond the scanned
 * square can be nearer than the k-th, when the whole grid has been scanned, or when it has inspected
 * {@code budgetNodes} nodes. For well-spread nodes and a predicate that accepts a fixed fraction of them the
 * expected work is O(k) buckets and nodes, independent of N; the counts in {@link Neighbours} report it.
 *
 * <p>Distances are Euclidean in the plane, in metres.
 */
public final class SpatialIndex {

    /** Average nodes per bucket the grid aims at. */
    public static final double DEFAULT_NODES_PER_BUCKET = 2.0;

    private final int nodeCount;
    private final double minX;
    private final double minY;
    private final double size;
    private final double invSize;
    private final double slack;
    private final int nx;
    private final int ny;
    private final int[] bucketStart;
    private final int[] bucketNode;
    private final double[] bucketX;
    private final double[] bucketY;

    private SpatialIndex(double[] x, double[] y, double nodesPerBucket) {
        int n = x.length;
        if (n < 1) throw new IllegalArgumentException("a spatial index needs at least one node");
        if (y.length != n) throw new IllegalArgumentException("x and y must have the same length, got " + n + " and " + y.length);
        if (!(nodesPerBucket > 0) || !Double.isFinite(nodesPerBucket))
            throw new IllegalArgumentException("nodesPerBucket must be in (0, ∞), got " + nodesPerBucket);
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]))
                throw new IllegalArgumentException("node " + i + " has non-finite coordinates (" + x[i] + ", " + y[i] + ")");
            x0 = Math.min(x0, x[i]);
            x1 = Math.max(x1, x[i]);
            y0 = Math.min(y0, y[i]);
            y1 = Math.max(y1, y[i]);
        }
        double w = x1 - x0;
        double h = y1 - y0;
        double buckets = Math.max(1.0, n / nodesPerBucket);
        double s;
        if (w <= 0 && h <= 0) {
            s = 1.0;
        } else {
            s = Math.sqrt(w * h / buckets);
            if (h < s) s = w / buckets;
            if (w < s) s = Math.max(s, h / buckets);
            if (w < s && h < s) s = Math.max(w, h) / buckets;
            if (!(s > 0)) s = Math.max(w, h) / buckets;
        }
        // Keep the grid within a few times the target bucket count (rounding up adds a row and a column).
        while (((long) (w / s) + 1) * ((long) (h / s) + 1) > 4 * (long) buckets + 16) s *= 1.25;
        nodeCount = n;
        minX = x0;
        minY = y0;
        size = s;
        invSize = 1.0 / s;
        nx = (int) (w / s) + 1;
        ny = (int) (h / s) + 1;
        slack = 1e-9 * (s + Math.max(Math.max(Math.abs(x0), Math.abs(x1)), Math.max(Math.abs(y0), Math.abs(y1))));
        int cells = nx * ny;
        int[] cellOf = new int[n];
        bucketStart = new int[cells + 1];
        for (int i = 0; i < n; i++) {
            int c = bucketY(y[i]) * nx + bucketX(x[i]);
            cellOf[i] = c;
            bucketStart[c + 1]++;
        }
        for (int c = 0; c < cells; c++) bucketStart[c + 1] += bucketStart[c];
        int[] fill = new int[cells];
        bucketNode = new int[n];
        bucketX = new double[n];
        bucketY = new double[n];
        for (int i = 0; i < n; i++) {
            int c = cellOf[i];
            int at = bucketStart[c] + fill[c]++;
            bucketNode[at] = i;
            bucketX[at] = x[i];
            bucketY[at] = y[i];
        }
    }

    /** The index of a topology's node coordinates, about {@link #DEFAULT_NODES_PER_BUCKET} nodes per bucket. */
    public static SpatialIndex of(Topology topology) {
        int n = topology.nodeCount();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = topology.x(i);
            y[i] = topology.y(i);
        }
        return new SpatialIndex(x, y, DEFAULT_NODES_PER_BUCKET);
    }

    /** The index of arbitrary points: node i sits at (xM[i], yM[i]), metres. */
    public static SpatialIndex of(double[] xM, double[] yM) {
        return new SpatialIndex(xM, yM, DEFAULT_NODES_PER_BUCKET);
    }

    /** As {@link #of(double[], double[])} with a chosen average of nodes per bucket. */
    public static SpatialIndex of(double[] xM, double[] yM, double nodesPerBucket) {
        return new SpatialIndex(xM, yM, nodesPerBucket);
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** Side of one square bucket, metres. */
    public double bucketSizeM() {
        return size;
    }

    /** Buckets along x. */
    public int bucketsX() {
        return nx;
    }

    /** Buckets along y. */
    public int bucketsY() {
        return ny;
    }

    /**
     * The k nearest nodes to (x, y) among all nodes that {@code accept} accepts.
     *
     * @param budgetNodes the most nodes to inspect before settling for what was found ({@link Integer#MAX_VALUE}
     *        for an exact answer)
     */
    public Neighbours nearest(double xM, double yM, int k, IntPredicate accept, int budgetNodes) {
        return search(xM, yM, k, null, accept, budgetNodes);
    }

    /**
     * The k nearest nodes to (x, y) among {@code candidates} (bit i set = node i may be chosen) that {@code accept}
     * accepts; see the class description for the cost.
     */
    public Neighbours nearest(double xM, double yM, int k, BitSet candidates, IntPredicate accept, int budgetNodes) {
        if (candidates == null) throw new IllegalArgumentException("candidates must not be null; use the overload without them for all nodes");
        return search(xM, yM, k, candidates, accept, budgetNodes);
    }

    private int bucketX(double x) {
        int b = (int) ((x - minX) * invSize);
        return b < 0 ? 0 : Math.min(b, nx - 1);
    }

    private int bucketY(double y) {
        int b = (int) ((y - minY) * invSize);
        return b < 0 ? 0 : Math.min(b, ny - 1);
    }

    private Neighbours search(double qx, double qy, int k, BitSet candidates, IntPredicate accept, int budgetNodes) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (budgetNodes < 1) throw new IllegalArgumentException("budgetNodes must be >= 1, got " + budgetNodes);
        if (!Double.isFinite(qx) || !Double.isFinite(qy))
            throw new IllegalArgumentException("query point must be finite, got (" + qx + ", " + qy + ")");
        Best best = new Best(Math.min(k, nodeCount));
        int cx = bucketX(qx);
        int cy = bucketY(qy);
        int buckets = 0;
        int inspected = 0;
        int tested = 0;
        boolean complete = false;
        for (int r = 0; ; r++) {
            int x0 = cx - r, x1 = cx + r, y0 = cy - r, y1 = cy + r;
            int ya = Math.max(y0, 0), yb = Math.min(y1, ny - 1);
            boolean stopped = false;
            for (int gy = ya; gy <= yb && !stopped; gy++) {
                int row = gy * nx;
                int xa, xb, stride;
                if (gy == y0 || gy == y1) {
                    xa = Math.max(x0, 0);
                    xb = Math.min(x1, nx - 1);
                    stride = 1;
                } else {
                    xa = x0;
                    xb = x1;
                    stride = Math.max(1, x1 - x0);
                }
                for (int gx = xa; gx <= xb; gx += stride) {
                    if (gx < 0 || gx >= nx) continue;
                    buckets++;
                    int end = bucketStart[row + gx + 1];
                    for (int at = bucketStart[row + gx]; at < end; at++) {
                        inspected++;
                        int node = bucketNode[at];
                        if (candidates != null && !candidates.get(node)) continue;
                        double dx = bucketX[at] - qx;
                        double dy = bucketY[at] - qy;
                        double d2 = dx * dx + dy * dy;
                        if (best.full() && d2 >= best.worst()) continue;
                        tested++;
                        if (accept.test(node)) best.offer(node, d2);
                    }
                    if (inspected >= budgetNodes) {
                        stopped = true;
                        break;
                    }
                }
            }
            boolean moreLeft = x0 > 0, moreRight = x1 < nx - 1, moreDown = y0 > 0, moreUp = y1 < ny - 1;
            if (!(moreLeft || moreRight || moreDown || moreUp)) {
                complete = !stopped;
                break;
            }
            if (best.full()) {
                double bound = Double.POSITIVE_INFINITY;
                if (moreLeft) bound = Math.min(bound, qx - (minX + x0 * size));
                if (moreRight) bound = Math.min(bound, minX + (x1 + 1) * size - qx);
                if (moreDown) bound = Math.min(bound, qy - (minY + y0 * size));
                if (moreUp) bound = Math.min(bound, minY + (y1 + 1) * size - qy);
                bound -= slack;
                if (bound > 0 && bound * bound >= best.worst()) {
                    complete = true;
                    break;
                }
            }
            if (stopped) break;
        }
        return best.toNeighbours(buckets, inspected, tested, complete);
    }

    /** A bounded max-heap of (squared distance, node), worst on top. */
    private static final class Best {
        private final double[] d2;
        private final int[] node;
        private int size;

        Best(int capacity) {
            d2 = new double[capacity];
            node = new int[capacity];
        }

        boolean full() {
            return size == d2.length;
        }

        double worst() {
            return d2[0];
        }

        void offer(int n, double d) {
            if (!full()) {
                int i = size++;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (d2[parent] >= d) break;
                    d2[i] = d2[parent];
                    node[i] = node[parent];
                    i = parent;
                }
                d2[i] = d;
                node[i] = n;
            } else if (d < d2[0]) {
                siftDown(0, n, d, size);
            }
        }

        private void siftDown(int i, int n, double d, int limit) {
            while (true) {
                int left = 2 * i + 1;
                if (left >= limit) break;
                int right = left + 1;
                int child = right < limit && d2[right] > d2[left] ? right : left;
                if (d2[child] <= d) break;
                d2[i] = d2[child];
                node[i] = node[child];
                i = child;
            }
            d2[i] = d;
            node[i] = n;
        }

        Neighbours toNeighbours(int buckets, int inspected, int tested, boolean complete) {
            int count = size;
            int[] nodes = new int[count];
            double[] dist = new double[count];
            // Heap sort: repeatedly move the worst to the back.
            for (int end = count - 1; end >= 0; end--) {
                nodes[end] = node[0];
                dist[end] = d2[0];
                int lastNode = node[end];
                double lastD = d2[end];
                siftDown(0, lastNode, lastD, end);
            }
            return new Neighbours(nodes, dist, buckets, inspected, tested, complete);
        }
    }
}
