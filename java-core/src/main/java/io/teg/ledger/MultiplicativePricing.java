package io.teg.ledger;

/**
 * The standard reserve price, a product of independent factors (µtokens per unit-second):
 *
 * <pre>
 *   P = ⌈ base × thermal × external × demand × C_max / (C_max − U_mid) ⌉,   U_mid = U + m/2
 * </pre>
 *
 * where {@code base} is this object's parameter, thermal, external (gossip) and demand are the node's multipliers
 * ({@link NodeCondition}), U the memory already sold on the node, m the memory asked and C_max the sellable memory
 * (paper eq. 15: P_mem ∝ 1/(C_max − U)). The memory factor is 1 on an empty node and grows without bound as U
 * approaches C_max; at or past it the node is not for sale ({@link Long#MAX_VALUE}). The ledger itself rejects any
 * order that would pass C_max. Immutable and thread-safe.
 */
public final class MultiplicativePricing implements PricingFunction {

    private final long baseMicrosPerUnitSecond;

    /** @param baseMicrosPerUnitSecond the base rate on a cool, empty, unloved node, µtokens per unit-second, &ge; 0 */
    public MultiplicativePricing(long baseMicrosPerUnitSecond) {
        if (baseMicrosPerUnitSecond < 0) throw new IllegalArgumentException("base must be >= 0, got " + baseMicrosPerUnitSecond);
        this.baseMicrosPerUnitSecond = baseMicrosPerUnitSecond;
    }

    /** The base rate, µtokens per unit-second. */
    public long baseMicrosPerUnitSecond() {
        return baseMicrosPerUnitSecond;
    }

    @Override
    public long reserveMicrosPerUnitSecond(NodeView node, Demand demand) {
        double cMax = node.sellableMemMiB();
        double mid = node.usedMemMiB() + demand.memMiB() / 2.0;
        if (node.usedMemMiB() + demand.memMiB() > node.sellableMemMiB() || (cMax > 0 && mid >= cMax)) return Long.MAX_VALUE;
        double memoryFactor = cMax > 0 ? cMax / (cMax - mid) : 1.0;
        double p = baseMicrosPerUnitSecond * node.thermalMultiplier() * node.externalMultiplier()
                * node.demandMultiplier() * memoryFactor;
        if (!(p < 9.0e18)) return Long.MAX_VALUE;
        return (long) Math.ceil(p);
    }

    @Override
    public String toString() {
        return "MultiplicativePricing[base=" + baseMicrosPerUnitSecond + " µtokens/unit-s]";
    }
}
