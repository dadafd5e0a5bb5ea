package io.teg.ledger;

/**
 * The reserve price of a node: the least rate, in µtokens per unit-second, the ledger sells {@code demand} on it for.
 * A bid alone in its window pays this. Implementations are pure functions of their arguments and their own
 * immutable parameters, so that a replayed book prices identically; they run on the matcher thread.
 */
@FunctionalInterface
public interface PricingFunction {

    /**
     * The reserve for placing {@code demand} on {@code node} now, µtokens per unit-second, &ge; 0;
     * {@link Long#MAX_VALUE} means "not for sale at any price".
     */
    long reserveMicrosPerUnitSecond(NodeView node, Demand demand);
}
