package io.teg.agent;

import java.util.Arrays;

/**
 * The answer to a zero-cost virtual bid ({@link SlotMarket#probe}): for each slot asked about, its price and
 * whether the market could sell it now. Immutable (the arrays are copied in and out).
 *
 * <p>Slot i is one task of the job on node {@code nodes[i]}; a node listed twice is asked for two tasks.
 *
 * @param nodes the node of each slot, in the order asked
 * @param slotPriceMicroTokens the price of each slot in micro-tokens (0 for an unavailable slot)
 * @param available whether each slot could be sold now
 * @param totalMicroTokens the sum of the prices of the available slots, micro-tokens
 */
public record Quote(int[] nodes, long[] slotPriceMicroTokens, boolean[] available, long totalMicroTokens) {

    public Quote {
        if (nodes.length != slotPriceMicroTokens.length || nodes.length != available.length)
            throw new IllegalArgumentException("quote arrays must have the same length, got " + nodes.length + "/"
                    + slotPriceMicroTokens.length + "/" + available.length);
        if (totalMicroTokens < 0) throw new IllegalArgumentException("total must be >= 0, got " + totalMicroTokens);
        nodes = nodes.clone();
        slotPriceMicroTokens = slotPriceMicroTokens.clone();
        available = available.clone();
    }

    /** Number of slots quoted. */
    public int size() {
        return nodes.length;
    }

    public int node(int slot) {
        return nodes[slot];
    }

    public long price(int slot) {
        return slotPriceMicroTokens[slot];
    }

    public boolean available(int slot) {
        return available[slot];
    }

    /** True when a fill-or-kill bid for every slot at the total price would be filled now. */
    public boolean fillable() {
        for (boolean a : available) if (!a) return false;
        return true;
    }

    @Override
    public int[] nodes() {
        return nodes.clone();
    }

    @Override
    public long[] slotPriceMicroTokens() {
        return slotPriceMicroTokens.clone();
    }

    @Override
    public boolean[] available() {
        return available.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quote q && totalMicroTokens == q.totalMicroTokens && Arrays.equals(nodes, q.nodes)
                && Arrays.equals(slotPriceMicroTokens, q.slotPriceMicroTokens) && Arrays.equals(available, q.available);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(nodes) + Arrays.hashCode(slotPriceMicroTokens))
                + Arrays.hashCode(available)) + Long.hashCode(totalMicroTokens);
    }

    @Override
    public String toString() {
        return "Quote[nodes=" + Arrays.toString(nodes) + ", prices=" + Arrays.toString(slotPriceMicroTokens)
                + " µtokens, available=" + Arrays.toString(available) + ", total=" + totalMicroTokens + " µtokens]";
    }
}
