package io.teg.ledger;

import java.util.Arrays;

/** What a {@link Bid} asks for: a bundle on one of a few candidate nodes, or a whole contiguous GPU block. */
public sealed interface Target permits Target.Nodes, Target.Block {

    /** Priced units of the request (see {@link Demand#units()}); for a block, its GPU count. */
    int units();

    /**
     * {@code demand} on one node, tried on the candidates in the order given (the agent's preference): the first
     * candidate where the bid fits and meets the reserve takes it.
     *
     * @param candidates node indices within the zone, 1..64 of them; copied on the way in and out
     * @param demand what the lease holds on its node
     */
    record Nodes(int[] candidates, Demand demand) implements Target {

        public Nodes {
            if (candidates == null || candidates.length == 0 || candidates.length > 64)
                throw new IllegalArgumentException("a node bid names 1..64 candidates");
            if (demand == null) throw new IllegalArgumentException("demand is required");
            candidates = candidates.clone();
        }

        /** A request for {@code demand} on any of {@code candidates}, in order of preference. */
        public static Nodes of(Demand demand, int... candidates) {
            return new Nodes(candidates, demand);
        }

        @Override
        public int[] candidates() {
            return candidates.clone();
        }

        int candidateCount() {
            return candidates.length;
        }

        int candidate(int i) {
            return candidates[i];
        }

        @Override
        public int units() {
            return demand.units();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Nodes n && Arrays.equals(candidates, n.candidates) && demand.equals(n.demand);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(candidates) + demand.hashCode();
        }

        @Override
        public String toString() {
            return "Nodes" + Arrays.toString(candidates) + demand;
        }
    }

    /**
     * A "whale" request: {@code gpus} contiguous GPUs in an aligned block of the {@link BlockTree}, fill-or-kill.
     * Blocks of at least one node's worth of GPUs cover whole consecutive nodes; smaller ones sit inside one node.
     *
     * @param gpus a power of two, &ge; 1
     * @param cpuMilliPerNode CPU in thousandths of a core on every node the block spans, &ge; 0
     * @param memMiBPerNode memory in MiB on every node the block spans, &ge; 0
     */
    record Block(int gpus, int cpuMilliPerNode, long memMiBPerNode) implements Target {

        public Block {
            if (gpus < 1 || Integer.bitCount(gpus) != 1)
                throw new IllegalArgumentException("a block is a power of two GPUs, got " + gpus);
            if (cpuMilliPerNode < 0 || memMiBPerNode < 0)
                throw new IllegalArgumentException("per-node CPU and memory must be >= 0");
        }

        @Override
        public int units() {
            return gpus;
        }
    }
}
