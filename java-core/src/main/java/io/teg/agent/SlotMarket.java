package io.teg.agent;

import io.teg.model.JobRequest;

/**
 * The zone ledgers as an agent sees them: it can ask prices for free, and it can bid for real.
 *
 * <p>A slot is one task of the job on one node; {@code nodes[0..count)} lists the slots, and a node listed twice
 * is asked for two tasks. Passing the count lets callers reuse one array.
 *
 * <p>Both calls are fill-or-kill: a bid wins every slot or none.
 */
public interface SlotMarket {

    /**
     * A zero-cost virtual bid (Section 3.4.1): the price of each slot and whether it could be sold now. It locks
     * nothing and spends nothing; the answer may be stale by the time a real bid arrives.
     */
    Quote probe(JobRequest job, int[] nodes, int count);

    /**
     * A real fill-or-kill bid of {@code bidMicroTokens} for all the slots together. When accepted the slots are
     * the job's and the price is paid (burned); when rejected nothing changes and the award says why.
     */
    Award bid(JobRequest job, int[] nodes, int count, long bidMicroTokens);
}
