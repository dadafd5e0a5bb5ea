package io.teg.field;

/**
 * Entropic valuation (paper §3.2.1, eq. 6): the reserve price of a node is inversely proportional to its local
 * entropy, so ordered, idle resources are the most valuable. Immutable.
 *
 * <pre>
 * P_max = κ / (S_local + ε)                                            (V1)
 * </pre>
 *
 * P_max is in tokens per unit of the resource sold; it is κ/ε on a node with S_local = 0 and falls towards 0 as the
 * node's entropy grows (0 at S_local = +∞, a node at its memory limit).
 *
 * @param kappa κ &gt; 0, tokens per unit times entropy units: the price scale
 * @param epsilon ε &gt; 0, entropy units: bounds the price of a perfectly idle node at κ/ε
 */
public record EntropicValuation(double kappa, double epsilon) {

    public EntropicValuation {
        if (!(kappa > 0) || !Double.isFinite(kappa))
            throw new IllegalArgumentException("kappa must be finite and > 0, got " + kappa);
        if (!(epsilon > 0) || !Double.isFinite(epsilon))
            throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
    }

    /**
     * P_max of (V1).
     *
     * @param localEntropy S_local &ge; 0 (may be +∞)
     * @return the reserve price in (0, κ/ε], or 0 for S_local = +∞
     */
    public double reservePrice(double localEntropy) {
        if (!(localEntropy >= 0))
            throw new IllegalArgumentException("localEntropy must be >= 0, got " + localEntropy);
        return kappa / (localEntropy + epsilon);
    }
}
