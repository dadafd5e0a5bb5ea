package io.teg.governor;

/**
 * Which constraint set the governor's final γ in an epoch.
 *
 * @param kind what kind of constraint
 * @param name "re" for the Reynolds barrier, the budget id for a power barrier, "" otherwise
 * @param saturated true when a barrier asked for more than γ_max: γ = γ_max, and the barrier cannot be kept by the
 *        tax alone this epoch (a power budget then relies on the node agents' hard caps)
 */
public record ActiveConstraint(ConstraintKind kind, String name, boolean saturated) {

    public ActiveConstraint {
        if (kind == null) throw new IllegalArgumentException("kind is required");
        if (name == null) throw new IllegalArgumentException("name must not be null");
        boolean barrier = kind == ConstraintKind.REYNOLDS_BARRIER || kind == ConstraintKind.POWER_BARRIER;
        if (barrier == name.isEmpty())
            throw new IllegalArgumentException("a barrier constraint needs a name and no other does, got " + kind + " '" + name + "'");
        if (saturated && !barrier) throw new IllegalArgumentException("only a barrier can saturate, got " + kind);
    }

    /** The constraint that a binding barrier bound imposes. */
    public static ActiveConstraint of(BarrierBound bound) {
        return new ActiveConstraint(bound.kind(), bound.name(), !bound.feasible());
    }

    /** A constraint that is not a barrier: NONE, GAMMA_MIN or GAMMA_MAX. */
    public static ActiveConstraint of(ConstraintKind kind) {
        return new ActiveConstraint(kind, "", false);
    }
}
