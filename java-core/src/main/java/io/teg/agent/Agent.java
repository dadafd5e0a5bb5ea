package io.teg.agent;

import io.teg.model.JobRequest;

/**
 * A job's placement agent as a particle (Section 3.4.2): an inertial mass and a character charge. Immutable.
 *
 * <p>Mass (Eq. 11, with the rest mass m₀ of {@link AgentParameters#restMass()}):
 * <pre>
 *   m = m₀ + α·MemGiB + β·ln(E_init)
 * </pre>
 * where MemGiB is the memory of all the job's tasks together in GiB and E_init its initial endowment in tokens
 * (≥ 1, so the log term is ≥ 0). Charge (Eq. 12): {@code q = SLA_prio·(1 + risk)}.
 *
 * <p>Force (Eq. 13): {@code F = −∇Φ + q·(v × B) − γ·v + ξ(t)} with {@code B = B_z ẑ}, so
 * {@code v × B = (v_y·B_z, −v_x·B_z)}; see {@link LangevinIntegrator} for how it is integrated. A heavy agent is
 * turned slowly by the magnetic field (angular rate q·B_z/m) and accelerated slowly by the gradient.
 *
 * @param mass m &gt; 0, in Φ·s²/m²
 * @param charge q, finite
 */
public record Agent(double mass, double charge) {

    /** Bytes in one GiB over bytes in one MiB. */
    private static final double MIB_PER_GIB = 1024.0;

    public Agent {
        if (!(mass > 0) || !Double.isFinite(mass))
            throw new IllegalArgumentException("mass must be in (0, ∞) and finite, got " + mass);
        if (!Double.isFinite(charge)) throw new IllegalArgumentException("charge must be finite, got " + charge);
    }

    /** The agent of {@code job} with {@code terms}, by Eq. 11 and Eq. 12. */
    public static Agent of(JobRequest job, JobTerms terms, AgentParameters p) {
        double memGiB = (double) job.tasks() * job.task().memMiB() / MIB_PER_GIB;
        double mass = p.restMass() + p.alphaPerGiB() * memGiB + p.betaPerLnToken() * Math.log(terms.endowmentTokens());
        double charge = terms.slaPriority() * (1.0 + terms.risk());
        return new Agent(mass, charge);
    }

    /** The angular rate ω = −q·B_z/m (rad/s) at which the Lorentz force turns this agent's velocity. */
    public double cyclotronRate(double bz) {
        return -charge * bz / mass;
    }
}
