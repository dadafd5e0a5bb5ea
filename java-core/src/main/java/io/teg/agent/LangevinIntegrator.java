package io.teg.agent;

import java.util.random.RandomGenerator;

/**
 * Integrates the agent's Langevin equation (Eq. 13)
 * <pre>
 *   m·dv/dt = −∇Φ(x) + q·(v × B_z ẑ) − γ·v + ξ(t),   ⟨ξ_i(t) ξ_j(s)⟩ = 2γT·δ_ij·δ(t − s)
 * </pre>
 * for a fixed number of steps with a splitting of the Euler–Maruyama step that keeps, in discrete time, the
 * two properties the paper proves in continuous time. Immutable and thread-safe (the random generator is passed
 * per call). One step costs one {@link Landscape#probe}, so a flight of K steps costs O(K·M) on an M-point field.
 *
 * <h2>One step of length h</h2>
 * With θ = exp(−γh/m), state (x_n, u_n):
 * <ol>
 *   <li>(b, first half) damping, exact: u ← θ^{1/2}·u;</li>
 *   <li>(a) Lorentz rotation, exact: v ← R(φ)·u with φ = −q·B_z(x_n)·h/m. A rotation keeps |v|, so the magnetic
 *       force does no work, as in continuous time;</li>
 *   <li>(c) potential kick and noise: v ← v − (h/m)·∇Φ(x_n) + σ·(N₁, N₂), with
 *       σ² = (T/m)·(1 − θ²), the exact Ornstein–Uhlenbeck increment, which is the Euler–Maruyama variance
 *       2γT·h/m² to first order in h (fluctuation–dissipation);</li>
 *   <li>(d) drift: x_{n+1} = x_n + h·v;</li>
 *   <li>(b, second half) damping: u_{n+1} = θ^{1/2}·v.</li>
 * </ol>
 * The damping of a whole step, θ, is split in two halves around the kick and the drift so that the reported
 * velocity u carries half of it; that is what makes the energy statement below exact.
 *
 * <h2>Theorem 4.1 in discrete time (equilibria do not depend on B)</h2>
 * With T = 0, (x, u) is a fixed point of the step if and only if u = 0 and ∇Φ(x) = 0, for every B_z and q: a
 * fixed point needs x_{n+1} = x_n, hence v = 0, hence u = 0; with u = 0 the rotation and the damping act on the
 * zero vector and v = −(h/m)·∇Φ(x), which is zero exactly when ∇Φ(x) = 0. The magnetic field bends the path but
 * leaves the rest points where Φ puts them.
 *
 * <h2>Theorem 4.2 in discrete time (the energy never rises)</h2>
 * Let E_n = ½·m·|u_n|² + Φ(x_n). Suppose T = 0, γ ≥ 0, and L ≥ 0 bounds the Hessian of Φ from above along every
 * step's segment (λ_max(∇²Φ) ≤ L; negative curvature is allowed). Write d_n = x_n − x_{n−1} = h·v_n, a = h²/m.
 * Then d_{n+1} = θ·R·d_n − a·∇Φ(x_n) and u_n = θ^{1/2}·v_n, so E_n = Φ(x_n) + (θ/2a)·|d_n|². The descent lemma
 * Φ(x_{n+1}) ≤ Φ(x_n) + ∇Φ(x_n)·d_{n+1} + (L/2)·|d_{n+1}|², the identity
 * ∇Φ(x_n) = (θ·R·d_n − d_{n+1})/a and (R·d_n)·d_{n+1} ≤ ½(|d_n|² + |d_{n+1}|²) (R keeps lengths) give
 * <pre>
 *   E_{n+1} − E_n ≤ −[ m·(1 − e^{−γh/m}) − L·h²/2 ] · |v_{n+1}|²                         (T4.2-discrete)
 * </pre>
 * So E_{n+1} ≤ E_n at every step whenever
 * <pre>
 *   L·h²/2 ≤ m·(1 − e^{−γh/m})        ( ≈ h ≤ 2γ/L for γh/m ≪ 1 )
 * </pre>
 * whatever q and B_z are ({@link #energyNonIncreasing}; {@link #maxEnergyStableStepS} solves it for h). For the
 * {@link AnalyticLandscape} variants L is {@link AnalyticLandscape#curvatureBound()}. With γ = 0 the bound holds
 * only for L = 0 (free flight, where |v| is then conserved exactly). The Lyapunov argument of the paper then
 * carries over: E is non-increasing and bounded below on a bounded-below Φ, its decrease forces |v_n| → 0 when
 * the inequality is strict, and the limit points are the critical points of Φ.
 *
 * <p>With T &gt; 0 the energy fluctuates; on a flat landscape the drift velocity v of step (c) has per-axis
 * variance exactly T/m in the stationary state and the reported u has θ·T/m.
 */
public final class LangevinIntegrator {

    private final double stepS;
    private final double damping;
    private final double temperature;

    /**
     * @param stepS h &gt; 0, seconds
     * @param damping γ ≥ 0, Φ·s/m²
     * @param temperature T ≥ 0, in units of Φ
     */
    public LangevinIntegrator(double stepS, double damping, double temperature) {
        if (!(stepS > 0) || !Double.isFinite(stepS))
            throw new IllegalArgumentException("stepS must be in (0, ∞) and finite, got " + stepS);
        if (!(damping >= 0) || !Double.isFinite(damping))
            throw new IllegalArgumentException("damping must be in [0, ∞) and finite, got " + damping);
        if (!(temperature >= 0) || !Double.isFinite(temperature))
            throw new IllegalArgumentException("temperature must be in [0, ∞) and finite, got " + temperature);
        this.stepS = stepS;
        this.damping = damping;
        this.temperature = temperature;
    }

    /** The integrator with the step, damping and temperature of {@code p}. */
    public static LangevinIntegrator of(AgentParameters p) {
        return new LangevinIntegrator(p.stepS(), p.damping(), p.temperature());
    }

    public double stepS() {
        return stepS;
    }

    public double damping() {
        return damping;
    }

    public double temperature() {
        return temperature;
    }

    /**
     * The condition of (T4.2-discrete): true when {@code L·h²/2 ≤ m·(1 − e^{−γh/m})}, i.e. when the total energy
     * of a noise-free agent of mass {@code mass} provably never rises on a landscape with curvature bound
     * {@code curvatureBound}.
     */
    public static boolean energyNonIncreasing(double curvatureBound, double mass, double damping, double stepS) {
        double l = Math.max(0, curvatureBound);
        return 0.5 * l * stepS * stepS <= -mass * Math.expm1(-damping * stepS / mass);
    }

    /**
     * The largest step h (seconds) with {@code L·h²/2 ≤ m·(1 − e^{−γh/m})}: the positive root of a concave function
     * that is 0 at h = 0 and rises with slope γ there; infinite when L = 0, 0 when γ = 0 and L &gt; 0.
     */
    public static double maxEnergyStableStepS(double curvatureBound, double mass, double damping) {
        if (!(curvatureBound > 0)) return Double.POSITIVE_INFINITY;
        if (!(damping > 0)) return 0;
        double lo = 0;
        double hi = 2 * damping / curvatureBound; // f(h) = m(1 − e^{−γh/m}) − Lh²/2 < 0 at h = 2γ/L since 1 − e^{−s} < s
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (energyNonIncreasing(curvatureBound, mass, damping, mid)) lo = mid;
            else hi = mid;
        }
        return lo;
    }

    /** One step from {@code state}; see the class description. */
    public AgentState step(Agent agent, Landscape landscape, AgentState state, RandomGenerator random) {
        return walk(agent, landscape, state, 1, random);
    }

    /**
     * {@code steps} steps from {@code start}: the agent's flight. Identical to applying {@link #step} that many
     * times with the same random generator. Costs {@code steps} landscape probes and, when T &gt; 0, two Gaussian
     * draws per step.
     */
    public AgentState walk(Agent agent, Landscape landscape, AgentState start, int steps, RandomGenerator random) {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        double m = agent.mass();
        double q = agent.charge();
        double h = stepS;
        double hOverM = h / m;
        double halfDamp = Math.exp(-0.5 * damping * hOverM);
        double sigma = Math.sqrt(-(temperature / m) * Math.expm1(-2 * damping * hOverM));
        double x = start.xM();
        double y = start.yM();
        double ux = start.vxMPerS();
        double uy = start.vyMPerS();
        double[] p = new double[Landscape.PROBE_LENGTH];
        for (int n = 0; n < steps; n++) {
            landscape.probe(x, y, p);
            // (b) first half of the exact damping
            double vx = ux * halfDamp;
            double vy = uy * halfDamp;
            // (a) exact Lorentz rotation by φ = −q·B_z·h/m
            double phi = -q * p[Landscape.B_Z] * hOverM;
            if (phi != 0) {
                double c = Math.cos(phi);
                double s = Math.sin(phi);
                double rx = vx * c - vy * s;
                vy = vx * s + vy * c;
                vx = rx;
            }
            // (c) potential kick and noise
            vx -= hOverM * p[Landscape.GRAD_X];
            vy -= hOverM * p[Landscape.GRAD_Y];
            if (sigma > 0) {
                vx += sigma * random.nextGaussian();
                vy += sigma * random.nextGaussian();
            }
            // (d) drift
            x += h * vx;
            y += h * vy;
            // (b) second half of the damping
            ux = vx * halfDamp;
            uy = vy * halfDamp;
        }
        return new AgentState(x, y, ux, uy);
    }
}
