package io.teg.field;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Reconstructs a {@link FieldSnapshot} from sampled telemetry by sparse Gaussian-process regression with M inducing
 * points (ARCHITECTURE §4, paper §3.2). Immutable and thread-safe; it holds only its {@link Options}.
 *
 * <h2>Model</h2>
 * The samples (x_i, v_i), i = 1..n, are centred on their mean μ, y_i = v_i − μ, and modelled as
 * y = f(x) + e with f ~ GP(0, k), k the {@link SquaredExponentialKernel} and e ~ N(0, σ_n²I). The sparse approximation
 * is the Subset of Regressors / Deterministic Training Conditional pair (Quiñonero-Candela &amp; Rasmussen, "A unifying
 * view of sparse approximate Gaussian process regression", JMLR 6, 2005), which share the posterior mean and the
 * marginal likelihood used here. With Q_nn = K_nm·K_mm⁻¹·K_mn:
 *
 * <pre>
 * α = (σ_n²·K_mm + K_mn·K_nm)⁻¹·K_mn·y                             (R1)  posterior mean Φ(x) = μ + k_xmᵀ·α
 * log p(y) = −½·yᵀ(Q_nn + σ_n²I)⁻¹y − ½·log|Q_nn + σ_n²I| − (n/2)·log 2π    (R2)
 * </pre>
 *
 * Both are computed in O(n·M²) time and O(M² + 256·M) working memory through the matrix inversion lemma; no n×n
 * matrix is ever formed (see {@code DtcSystem}, equations D1–D5). K_mm carries a jitter of
 * {@link Options#jitter()}·σ_f² on its diagonal, raised tenfold (up to 10⁻²) while it is numerically singular.
 *
 * <h2>Inducing points</h2>
 * Chosen deterministically by farthest-point traversal of the sample locations, starting at the sample nearest the
 * centroid (Gonzalez 1985): M = min({@link Options#inducingPoints()}, number of distinct locations).
 *
 * <h2>Hyperparameters</h2>
 * ℓ, σ_f² and σ_n² maximise (R2). For a fixed ℓ and s = σ_f²/σ_n² the best σ_n² has the closed form
 * σ_n² = yᵀ(I + s·EᵀK_E⁻¹E)⁻¹y / n, so the search runs over (log ℓ, log s) only: a coarse grid of 6 length scales,
 * log-spaced from h to D/2, × 4 ratios (1, 10, 100, 1000) picks the start, then Commons Math's BOBYQA (Powell 2009,
 * derivative-free, bounded) refines it within at most {@link Options#maxLikelihoodEvaluations()} evaluations; the best
 * point seen is kept when that budget runs out. Here h is the mean nearest-neighbour distance of the inducing points
 * and D the larger side of the samples' bounding box (at least 1 m); bounds: ℓ in [h/4, 4D], s in [10⁻⁴, 10⁶]. The
 * likelihood is evaluated on at most {@link Options#maxLikelihoodSamples()} samples, an even-stride subset in
 * sample order, so the search costs O(min(n, that)·M²) per ℓ; the weights then use every sample.
 *
 * <h2>Epochs and the time derivative</h2>
 * {@link #fit(FieldSnapshot, long, FieldSamples, double)} is the per-epoch fast path: it keeps the previous
 * snapshot's inducing points and hyperparameters, solves (R1) only, and sets α̇ = (α − α_prev)/Δt and
 * μ̇ = (μ − μ_prev)/Δt. Because both fits use the same basis, the difference of the weights is the difference of the
 * fields: Φ_prev(x) + Δt·Φ̇(x) = Φ(x) at every x. A full fit changes the basis, so its snapshot has no rate.
 *
 * <p>A field whose samples are all equal carries no information about the hyperparameters: its snapshot has α = 0,
 * ℓ = D/10 and σ_f² = σ_n² = 1 as placeholders, which a later warm-started epoch inherits until the next full fit.
 */
public final class SparseGpRegression {

    /** Length scales in the starting grid, log-spaced from h to D/2. */
    private static final int GRID_LENGTHS = 6;
    /** Signal-to-noise ratios of the starting grid. */
    private static final double[] GRID_SIGNAL_TO_NOISE = {1.0, 10.0, 100.0, 1000.0};
    /** Bounds of the search: ℓ in [h/4, 4D]. */
    private static final double MIN_LENGTH_PER_SPACING = 0.25;
    private static final double MAX_LENGTH_PER_EXTENT = 4.0;
    private static final double MIN_SIGNAL_TO_NOISE = 1e-4;
    private static final double MAX_SIGNAL_TO_NOISE = 1e6;
    /**
     * The log-likelihood given to a hyperparameter point whose DTC system is not numerically positive definite:
     * finite, so that BOBYQA's quadratic model stays finite, and far below any likelihood of a real sample set.
     */
    static final double INFEASIBLE_LOG_LIKELIHOOD = -1e100;
    /** BOBYQA trust-region radii in log units: start, and stop (1 % in ℓ and s). */
    private static final double INITIAL_TRUST_RADIUS = 0.5;
    private static final double STOPPING_TRUST_RADIUS = 1e-2;
    /** Sample variance below this fraction of (1 + μ²) counts as a constant field. */
    private static final double CONSTANT_FIELD_TOLERANCE = 1e-24;

    /**
     * How the regression works.
     *
     * @param inducingPoints the most inducing points M a snapshot gets, 1..{@value FieldSnapshot#MAX_INDUCING_POINTS}
     * @param maxLikelihoodSamples the most samples the hyperparameter search evaluates (R2) on, &ge; 1
     * @param maxLikelihoodEvaluations the most BOBYQA evaluations of (R2) after the starting grid, &ge; 10
     * @param jitter diagonal jitter on K_mm relative to σ_f², in (0, 10⁻²]
     */
    public record Options(int inducingPoints, int maxLikelihoodSamples, int maxLikelihoodEvaluations, double jitter) {

        public static final int DEFAULT_MAX_LIKELIHOOD_SAMPLES = 2048;
        public static final int DEFAULT_MAX_LIKELIHOOD_EVALUATIONS = 60;
        public static final double DEFAULT_JITTER = 1e-6;

        public Options {
            if (inducingPoints < 1 || inducingPoints > FieldSnapshot.MAX_INDUCING_POINTS)
                throw new IllegalArgumentException("inducingPoints must be in 1.." + FieldSnapshot.MAX_INDUCING_POINTS
                        + ", got " + inducingPoints);
            if (maxLikelihoodSamples < 1)
                throw new IllegalArgumentException("maxLikelihoodSamples must be >= 1, got " + maxLikelihoodSamples);
            if (maxLikelihoodEvaluations < 10)
                throw new IllegalArgumentException("maxLikelihoodEvaluations must be >= 10, got "
                        + maxLikelihoodEvaluations);
            if (!(jitter > 0 && jitter <= 1e-2))
                throw new IllegalArgumentException("jitter must be in (0, 1e-2], got " + jitter);
        }

        /** {@code inducingPoints} with the defaults: 2048 likelihood samples, 60 evaluations, jitter 10⁻⁶. */
        public static Options defaults(int inducingPoints) {
            return new Options(inducingPoints, DEFAULT_MAX_LIKELIHOOD_SAMPLES, DEFAULT_MAX_LIKELIHOOD_EVALUATIONS,
                    DEFAULT_JITTER);
        }
    }

    private final Options options;

    public SparseGpRegression(Options options) {
        if (options == null) throw new IllegalArgumentException("options are required");
        this.options = options;
    }

    /** A regression with at most {@code inducingPoints} inducing points and default options. */
    public SparseGpRegression(int inducingPoints) {
        this(Options.defaults(inducingPoints));
    }

    public Options options() {
        return options;
    }

    /**
     * The full fit: chooses inducing points, maximises (R2) over the hyperparameters and solves (R1). The snapshot has
     * no rate (α̇ = 0, μ̇ = 0).
     *
     * @param epoch the logical epoch τ of the snapshot (&ge; 0)
     */
    public FieldSnapshot fit(long epoch, FieldSamples samples) {
        requireSamples(samples);
        double[][] z = FarthestPointSampling.select(samples.xView(), samples.yView(), options.inducingPoints());
        double mean = samples.meanValue();
        double extent = extent(samples);
        if (isConstant(samples, mean)) {
            Hyperparameters placeholder = new Hyperparameters(1.0, extent / 10, 1.0);
            return FieldSnapshot.stationary(epoch, placeholder, mean, z[0], z[1], new double[z[0].length]);
        }
        Hyperparameters h = maximiseLikelihood(samples, mean, extent, z[0], z[1]);
        return FieldSnapshot.stationary(epoch, h, mean, z[0], z[1], weights(samples, mean, z[0], z[1], h));
    }

    /**
     * Fixed hyperparameters: chooses inducing points and solves (R1) only. The snapshot has no rate.
     *
     * @param epoch the logical epoch τ of the snapshot (&ge; 0)
     */
    public FieldSnapshot fit(long epoch, FieldSamples samples, Hyperparameters hyperparameters) {
        requireSamples(samples);
        if (hyperparameters == null) throw new IllegalArgumentException("hyperparameters are required");
        double[][] z = FarthestPointSampling.select(samples.xView(), samples.yView(), options.inducingPoints());
        double mean = samples.meanValue();
        return FieldSnapshot.stationary(epoch, hyperparameters, mean, z[0], z[1],
                weights(samples, mean, z[0], z[1], hyperparameters));
    }

    /**
     * The per-epoch fast path for the epoch after {@code previous}: {@link #fit(FieldSnapshot, long, FieldSamples,
     * double)} with τ = previous.epoch() + 1.
     */
    public FieldSnapshot fit(FieldSnapshot previous, FieldSamples samples, double epochIntervalS) {
        if (previous == null) throw new IllegalArgumentException("previous snapshot is required");
        return fit(previous, previous.epoch() + 1, samples, epochIntervalS);
    }

    /**
     * The per-epoch fast path: keeps {@code previous}'s inducing points and hyperparameters, solves (R1) on the new
     * samples (one O(n·M²) pass plus O(M³)) and fills the rates α̇ = (α − α_prev)/Δt, μ̇ = (μ − μ_prev)/Δt.
     *
     * @param epoch τ of the new snapshot, &gt; previous.epoch()
     * @param intervalS Δt, seconds from {@code previous}'s epoch to this one (finite, &gt; 0)
     */
    public FieldSnapshot fit(FieldSnapshot previous, long epoch, FieldSamples samples, double intervalS) {
        if (previous == null) throw new IllegalArgumentException("previous snapshot is required");
        requireSamples(samples);
        if (epoch <= previous.epoch())
            throw new IllegalArgumentException("epoch must be after the previous snapshot's " + previous.epoch()
                    + ", got " + epoch);
        if (!(intervalS > 0) || !Double.isFinite(intervalS))
            throw new IllegalArgumentException("intervalS must be finite and > 0 s, got " + intervalS);
        double[] zx = previous.inducingX();
        double[] zy = previous.inducingY();
        double mean = samples.meanValue();
        double[] alpha = weights(samples, mean, zx, zy, previous.hyperparameters());
        double[] alphaRate = new double[alpha.length];
        for (int m = 0; m < alpha.length; m++) alphaRate[m] = (alpha[m] - previous.weight(m)) / intervalS;
        double meanRate = (mean - previous.mean()) / intervalS;
        return new FieldSnapshot(epoch, previous.hyperparameters(), mean, meanRate, zx, zy, alpha, alphaRate);
    }

    /**
     * (R2) for the samples centred on their mean, with the given inducing points and hyperparameters, in O(n·M²): the
     * natural logarithm of a probability density, in nats.
     *
     * @param inducingX x of the inducing points, metres (1..{@value FieldSnapshot#MAX_INDUCING_POINTS}, finite)
     * @param inducingY y of the inducing points, metres (same length)
     */
    public double logMarginalLikelihood(FieldSamples samples, double[] inducingX, double[] inducingY,
                                        Hyperparameters hyperparameters) {
        requireSamples(samples);
        if (hyperparameters == null) throw new IllegalArgumentException("hyperparameters are required");
        if (inducingX == null || inducingY == null) throw new IllegalArgumentException("inducing points are required");
        if (inducingX.length < 1 || inducingX.length > FieldSnapshot.MAX_INDUCING_POINTS
                || inducingY.length != inducingX.length)
            throw new IllegalArgumentException("inducing points need 1.." + FieldSnapshot.MAX_INDUCING_POINTS
                    + " equal-length coordinate arrays, got " + inducingX.length + " and " + inducingY.length);
        double[] zx = inducingX.clone();
        double[] zy = inducingY.clone();
        for (int m = 0; m < zx.length; m++)
            if (!Double.isFinite(zx[m]) || !Double.isFinite(zy[m]))
                throw new IllegalArgumentException("inducing point " + m + " must be finite, got (" + zx[m] + ", "
                        + zy[m] + ")");
        double mean = samples.meanValue();
        DtcSystem system = DtcSystem.build(samples.xView(), samples.yView(), centred(samples.valueView(), mean), zx,
                zy, hyperparameters.lengthScaleM(), options.jitter());
        return system.solve(hyperparameters.signalToNoise()).logLikelihood(hyperparameters.noiseVariance());
    }

    private double[] weights(FieldSamples samples, double mean, double[] zx, double[] zy, Hyperparameters h) {
        DtcSystem system = DtcSystem.build(samples.xView(), samples.yView(), centred(samples.valueView(), mean), zx, zy,
                h.lengthScaleM(), options.jitter());
        return system.solve(h.signalToNoise()).weights(h.noiseVariance());
    }

    private Hyperparameters maximiseLikelihood(FieldSamples samples, double mean, double extent, double[] zx,
                                               double[] zy) {
        int n = samples.size();
        int k = Math.min(n, options.maxLikelihoodSamples());
        double[] x = new double[k];
        double[] y = new double[k];
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            int i = (int) ((long) j * n / k);
            x[j] = samples.x(i);
            y[j] = samples.y(i);
            v[j] = samples.value(i) - mean;
        }
        LikelihoodSurface surface = new LikelihoodSurface(x, y, v, zx, zy, options.jitter());

        double spacing = inducingSpacing(zx, zy, extent);
        double shortest = Math.log(spacing);
        double longest = Math.log(Math.max(extent / 2, 4 * spacing));
        for (int g = 0; g < GRID_LENGTHS; g++) {
            double logLength = shortest + (longest - shortest) * g / (GRID_LENGTHS - 1);
            for (double s : GRID_SIGNAL_TO_NOISE) surface.value(new double[]{logLength, Math.log(s)});
        }
        double[] start = surface.bestPoint.clone();
        double[] lower = {Math.log(spacing * MIN_LENGTH_PER_SPACING), Math.log(MIN_SIGNAL_TO_NOISE)};
        double[] upper = {Math.log(extent * MAX_LENGTH_PER_EXTENT), Math.log(MAX_SIGNAL_TO_NOISE)};
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * 2 + 1, INITIAL_TRUST_RADIUS, STOPPING_TRUST_RADIUS);
        try {
            optimizer.optimize(new MaxEval(options.maxLikelihoodEvaluations()), new ObjectiveFunction(surface::value),
                    GoalType.MAXIMIZE, new InitialGuess(start), new SimpleBounds(lower, upper));
        } catch (TooManyEvaluationsException budgetSpent) {
            // The surface remembers the best point evaluated; that is the answer within the budget.
        }
        double lengthScale = Math.exp(surface.bestPoint[0]);
        double signalToNoise = Math.exp(surface.bestPoint[1]);
        double noiseVariance = surface.system(lengthScale).solve(signalToNoise).profiledNoiseVariance();
        return new Hyperparameters(signalToNoise * noiseVariance, lengthScale, noiseVariance);
    }

    /**
     * The profiled likelihood over (log ℓ, log s), remembering the best point seen. Caches the last ℓ's
     * {@link DtcSystem}, so ratios tried at one length scale share the O(n·M²) pass. Single-threaded, one per search.
     */
    private static final class LikelihoodSurface {
        private final double[] x;
        private final double[] y;
        private final double[] v;
        private final double[] zx;
        private final double[] zy;
        private final double jitter;
        private double cachedLengthScale = Double.NaN;
        private DtcSystem cachedSystem;
        double[] bestPoint;
        double bestValue = Double.NEGATIVE_INFINITY;

        LikelihoodSurface(double[] x, double[] y, double[] v, double[] zx, double[] zy, double jitter) {
            this.x = x;
            this.y = y;
            this.v = v;
            this.zx = zx;
            this.zy = zy;
            this.jitter = jitter;
        }

        DtcSystem system(double lengthScale) {
            if (lengthScale != cachedLengthScale) {
                cachedSystem = DtcSystem.build(x, y, v, zx, zy, lengthScale, jitter);
                cachedLengthScale = lengthScale;
            }
            return cachedSystem;
        }

        double value(double[] p) {
            // A point whose system is not numerically positive definite is worse than every computable one.
            double result = system(Math.exp(p[0])).trySolve(Math.exp(p[1]))
                    .map(DtcSystem.Solution::profiledLogLikelihood).orElse(INFEASIBLE_LOG_LIKELIHOOD);
            if (result > bestValue) {
                bestValue = result;
                bestPoint = p.clone();
            }
            return result;
        }
    }

    private static double[] centred(double[] values, double mean) {
        double[] c = new double[values.length];
        for (int i = 0; i < values.length; i++) c[i] = values[i] - mean;
        return c;
    }

    private static boolean isConstant(FieldSamples samples, double mean) {
        double ss = 0.0;
        for (int i = 0; i < samples.size(); i++) {
            double d = samples.value(i) - mean;
            ss += d * d;
        }
        return ss / samples.size() <= CONSTANT_FIELD_TOLERANCE * (1.0 + mean * mean);
    }

    /**
     * h: the mean distance from an inducing point to its nearest neighbour, metres, O(M²); the finest scale the
     * inducing points can represent. D/10 for a single inducing point.
     */
    private static double inducingSpacing(double[] zx, double[] zy, double extent) {
        int m = zx.length;
        if (m < 2) return extent / 10;
        double sum = 0.0;
        for (int a = 0; a < m; a++) {
            double best = Double.POSITIVE_INFINITY;
            for (int b = 0; b < m; b++) {
                if (b == a) continue;
                double dx = zx[a] - zx[b];
                double dy = zy[a] - zy[b];
                best = Math.min(best, dx * dx + dy * dy);
            }
            sum += Math.sqrt(best);
        }
        return sum / m;
    }

    /** D: the larger side of the samples' bounding box, at least 1 m. */
    private static double extent(FieldSamples samples) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < samples.size(); i++) {
            minX = Math.min(minX, samples.x(i));
            maxX = Math.max(maxX, samples.x(i));
            minY = Math.min(minY, samples.y(i));
            maxY = Math.max(maxY, samples.y(i));
        }
        return Math.max(1.0, Math.max(maxX - minX, maxY - minY));
    }

    private static void requireSamples(FieldSamples samples) {
        if (samples == null) throw new IllegalArgumentException("samples are required");
    }
}
