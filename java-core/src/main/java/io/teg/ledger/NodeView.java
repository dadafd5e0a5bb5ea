package io.teg.ledger;

import io.teg.model.NodeSpec;

/**
 * Read-only view of one node's market state, handed to a {@link PricingFunction}. A view is valid only during the
 * call it is passed to (the book reuses one view object), and only on the matcher thread.
 */
public interface NodeView {

    /** Node index within the zone. */
    int index();

    /** The node's fixed capacity. */
    NodeSpec spec();

    /** CPU sold, thousandths of a core. */
    int usedCpuMilli();

    /** Memory sold, MiB: U in the asymptote. */
    long usedMemMiB();

    /** GPUs sold. */
    int usedGpus();

    /** C_max = (1 − reserve fraction) × memory capacity, MiB: memory is never sold past it. */
    long sellableMemMiB();

    /** Local thermal multiplier (1 = neutral). */
    double thermalMultiplier();

    /** External (thermal gossip) multiplier (1 = neutral). */
    double externalMultiplier();

    /** Demand (auction heat) multiplier (1 = neutral). */
    double demandMultiplier();
}
