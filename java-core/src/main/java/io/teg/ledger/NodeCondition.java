package io.teg.ledger;

/**
 * Sets the price multipliers of one node (dimensionless, &gt; 0, 1 = neutral): the local thermal multiplier from the
 * node's own sensors, the external multiplier from thermal gossip with its neighbours, and the demand multiplier
 * the governor derives from auction heat. The reserve price is base × thermal × external × demand × the memory
 * factor (see {@link MultiplicativePricing}).
 *
 * @param node node index in the zone
 * @param thermal local thermal multiplier
 * @param external external (gossip) multiplier
 * @param demand demand (auction heat) multiplier
 * @param nowNanos the producer's clock, nanoseconds
 */
public record NodeCondition(int node, double thermal, double external, double demand, long nowNanos) implements Command {

    public NodeCondition {
        if (node < 0) throw new IllegalArgumentException("node index must be >= 0, got " + node);
        if (!positive(thermal) || !positive(external) || !positive(demand))
            throw new IllegalArgumentException("multipliers must be finite and > 0: " + thermal + ", " + external + ", " + demand);
    }

    private static boolean positive(double x) {
        return x > 0 && !Double.isInfinite(x);
    }
}
