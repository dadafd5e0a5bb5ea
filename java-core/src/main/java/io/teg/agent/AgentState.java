package io.teg.agent;

/**
 * Where an agent is and how fast it moves, in the machine-room plane. Immutable.
 *
 * <p>The velocity is the one the integrator reports between steps (after the second half of the damping of a
 * step; see {@link LangevinIntegrator}), which is the velocity whose kinetic energy enters the discrete energy
 * of Theorem 4.2.
 *
 * @param xM x in metres
 * @param yM y in metres
 * @param vxMPerS velocity along x, m/s
 * @param vyMPerS velocity along y, m/s
 */
public record AgentState(double xM, double yM, double vxMPerS, double vyMPerS) {

    public AgentState {
        if (!Double.isFinite(xM) || !Double.isFinite(yM) || !Double.isFinite(vxMPerS) || !Double.isFinite(vyMPerS))
            throw new IllegalArgumentException("agent state must be finite, got (" + xM + ", " + yM + ", "
                    + vxMPerS + ", " + vyMPerS + ")");
    }

    /** At rest at (x, y): the massless-ghost start of Section 3.4.1 before the field acts. */
    public static AgentState atRest(double xM, double yM) {
        return new AgentState(xM, yM, 0, 0);
    }

    /** Speed |v| in m/s. */
    public double speed() {
        return Math.hypot(vxMPerS, vyMPerS);
    }

    /** Kinetic energy ½·m·|v|² of an agent of mass {@code mass}. */
    public double kineticEnergy(double mass) {
        return 0.5 * mass * (vxMPerS * vxMPerS + vyMPerS * vyMPerS);
    }

    /** Total mechanical energy E = ½·m·|v|² + Φ(x) on {@code landscape} (Eq. 22, the Lyapunov function). */
    public double energy(Agent agent, Landscape landscape) {
        double[] out = new double[Landscape.PROBE_LENGTH];
        landscape.probe(xM, yM, out);
        return kineticEnergy(agent.mass()) + out[Landscape.PHI];
    }
}
