package io.teg.agent;

import java.util.Objects;

/**
 * The tunables of the Langevin agent and of one placement decision. Immutable; every value is checked when the
 * record is made, and a bad one is refused with its name and its allowed range.
 *
 * <p>Units: the potential Φ is dimensionless and lengths are metres, so a mass is measured in
 * Φ·s²/m² and a damping coefficient in Φ·s/m² (the damping rate of an agent is γ/m, per second).
 *
 * @param alphaPerGiB α in Eq. 11: mass per GiB of the job's memory (all tasks together), ≥ 0
 * @param betaPerLnToken β in Eq. 11: mass per natural log of the initial endowment in tokens, ≥ 0
 * @param restMass m₀ &gt; 0 added to Eq. 11 so that a job with no memory and one token still has a positive mass:
 *        m = m₀ + α·MemGiB + β·ln(E_init)
 * @param steps K, the fixed number of integration steps of one flight, 1..100 000
 * @param stepS h, the integration step in seconds of virtual flight time, &gt; 0
 * @param damping γ ≥ 0 of Eq. 13 (the governor's tax rate as the agent feels it; a negative tax, the cold-stasis
 *        subsidy, must be clamped to 0 by the caller: negative damping pumps energy into the agent and voids
 *        Theorem 4.2)
 * @param temperature T ≥ 0 of the noise ξ(t); fluctuation–dissipation gives it variance 2γT per unit time
 * @param lookAheadS Δt ≥ 0 of the dual-number prediction (Eq. 8), seconds
 * @param candidateNodes k, the number of nearest feasible nodes the agent lands on, 1..4096 (a gang of more tasks
 *        looks at as many nodes as it has tasks)
 * @param startMode the maximum-entropy start (Eq. 9)
 * @param bidRetries how many times a decision retries after its real bid (or its fill check) is rejected,
 *        excluding the refused nodes each time, 0..16
 * @param searchBudgetNodes the most nodes one spatial search may inspect before it settles for what it found,
 *        ≥ 1 (raised to 4·k' for a gang whose k' = max(k, tasks) would need more); bounds a decision's work when
 *        free nodes are scarce near the landing point
 */
public record AgentParameters(double alphaPerGiB, double betaPerLnToken, double restMass, int steps, double stepS,
                              double damping, double temperature, double lookAheadS, int candidateNodes,
                              StartMode startMode, int bidRetries, int searchBudgetNodes) {

    public AgentParameters {
        atLeast("alphaPerGiB", alphaPerGiB, 0);
        atLeast("betaPerLnToken", betaPerLnToken, 0);
        positive("restMass", restMass);
        within("steps", steps, 1, 100_000);
        positive("stepS", stepS);
        atLeast("damping", damping, 0);
        atLeast("temperature", temperature, 0);
        atLeast("lookAheadS", lookAheadS, 0);
        within("candidateNodes", candidateNodes, 1, 4096);
        Objects.requireNonNull(startMode, "startMode must be one of BOUNDING_BOX, FREE_CAPACITY_ZONES, got null");
        within("bidRetries", bidRetries, 0, 16);
        within("searchBudgetNodes", searchBudgetNodes, 1, Integer.MAX_VALUE);
    }

    /**
     * The defaults: α = 1/64 per GiB, β = 0.25 per ln-token, m₀ = 1, K = 10 steps of h = 1 s, γ = 1, T = 0.01,
     * Δt = 60 s (one governor epoch), k = 4 nodes, bounding-box start, 2 retries, 4096 nodes per search.
     */
    public static AgentParameters defaults() {
        return new AgentParameters(1.0 / 64, 0.25, 1.0, 10, 1.0, 1.0, 0.01, 60.0, 4, StartMode.BOUNDING_BOX, 2, 4096);
    }

    public AgentParameters withSteps(int k) {
        return new AgentParameters(alphaPerGiB, betaPerLnToken, restMass, k, stepS, damping, temperature, lookAheadS,
                candidateNodes, startMode, bidRetries, searchBudgetNodes);
    }

    public AgentParameters withStepS(double h) {
        return new AgentParameters(alphaPerGiB, betaPerLnToken, restMass, steps, h, damping, temperature, lookAheadS,
                candidateNodes, startMode, bidRetries, searchBudgetNodes);
    }

    public AgentParameters withDamping(double gamma) {
        return new AgentParameters(alphaPerGiB, betaPerLnToken, restMass, steps, stepS, gamma, temperature, lookAheadS,
                candidateNodes, startMode, bidRetries, searchBudgetNodes);
    }

    public AgentParameters withTemperature(double t) {
        return new AgentParameters(alphaPerGiB, betaPerLnToken, restMass, steps, stepS, damping, t, lookAheadS,
                candidateNodes, startMode, bidRetries, searchBudgetNodes);
    }

    public AgentParameters withLookAheadS(double dt) {
        return new AgentParameters(alphaPerGiB, betaPerLnToken, restMass, steps, stepS, damping, temperature, dt,
                candidateNodes, startMode, bidRetries, searchBudgetNodes);
    }

    public AgentParameters withCandidateNodes(int k) {
        return new AgentParameters(alphaPerGiB, betaPerLnToken, restMass, steps, stepS, damping, temperature, lookAheadS,
                k, startMode, bidRetries, searchBudgetNodes);
    }

    public AgentParameters withStartMode(StartMode mode) {
        return new AgentParameters(alphaPerGiB, betaPerLnToken, restMass, steps, stepS, damping, temperature, lookAheadS,
                candidateNodes, mode, bidRetries, searchBudgetNodes);
    }

    public AgentParameters withBidRetries(int retries) {
        return new AgentParameters(alphaPerGiB, betaPerLnToken, restMass, steps, stepS, damping, temperature, lookAheadS,
                candidateNodes, startMode, retries, searchBudgetNodes);
    }

    public AgentParameters withSearchBudgetNodes(int budget) {
        return new AgentParameters(alphaPerGiB, betaPerLnToken, restMass, steps, stepS, damping, temperature, lookAheadS,
                candidateNodes, startMode, bidRetries, budget);
    }

    public AgentParameters withMass(double alpha, double beta, double rest) {
        return new AgentParameters(alpha, beta, rest, steps, stepS, damping, temperature, lookAheadS,
                candidateNodes, startMode, bidRetries, searchBudgetNodes);
    }

    private static void atLeast(String name, double value, double min) {
        if (!(value >= min) || !Double.isFinite(value))
            throw new IllegalArgumentException(name + " must be in [" + min + ", ∞) and finite, got " + value);
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value))
            throw new IllegalArgumentException(name + " must be in (0, ∞) and finite, got " + value);
    }

    private static void within(String name, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
    }
}
