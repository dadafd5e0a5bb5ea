package io.teg.agent;

/**
 * The economic terms of one job as its agent needs them: what it was endowed with, what it may spend on this
 * placement, and how latency-critical it is. Supplied per job to {@link PlacementEngine} (from the account's
 * wallet and the job's {@code --teg-bid}/{@code --teg-sla} options).
 *
 * @param endowmentMicroTokens E_init of Eq. 11, the job's initial token endowment in micro-tokens; at least one
 *        token (1 000 000), so that ln(E_init) ≥ 0
 * @param bidCeilingMicroTokens the most the job pays for this placement, all tasks together, micro-tokens ≥ 0
 * @param slaPriority SLA_prio of Eq. 12, ≥ 0 (0 makes the agent blind to the magnetic field)
 * @param risk RiskFactor of Eq. 12, ≥ 0
 */
public record JobTerms(long endowmentMicroTokens, long bidCeilingMicroTokens, double slaPriority, double risk) {

    /** Micro-tokens in one token. */
    public static final long MICRO_PER_TOKEN = 1_000_000L;

    public JobTerms {
        if (endowmentMicroTokens < MICRO_PER_TOKEN)
            throw new IllegalArgumentException("endowmentMicroTokens must be in [" + MICRO_PER_TOKEN
                    + ", " + Long.MAX_VALUE + "] (at least one token), got " + endowmentMicroTokens);
        if (bidCeilingMicroTokens < 0)
            throw new IllegalArgumentException("bidCeilingMicroTokens must be in [0, " + Long.MAX_VALUE + "], got "
                    + bidCeilingMicroTokens);
        if (!(slaPriority >= 0) || !Double.isFinite(slaPriority))
            throw new IllegalArgumentException("slaPriority must be in [0, ∞) and finite, got " + slaPriority);
        if (!(risk >= 0) || !Double.isFinite(risk))
            throw new IllegalArgumentException("risk must be in [0, ∞) and finite, got " + risk);
    }

    /** E_init in tokens (≥ 1). */
    public double endowmentTokens() {
        return (double) endowmentMicroTokens / MICRO_PER_TOKEN;
    }
}
