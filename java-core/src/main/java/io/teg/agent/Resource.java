package io.teg.agent;

/** What a placement can fall short of, with the unit its quantities are in. */
public enum Resource {
    /** CPU, thousandths of a core. */
    CPU("cpu", "milli-cores"),
    /** Memory, MiB. */
    MEMORY("memory", "MiB"),
    /** Whole GPUs (or one GPU for a task with a share of a GPU). */
    GPUS("gpus", "GPUs"),
    /** Nodes: candidates that fit, or nodes with every resource a task needs at once. */
    NODES("nodes", "nodes"),
    /** Task slots: how many of the job's tasks the nodes can hold together. */
    TASK_SLOTS("task slots", "tasks"),
    /** Tokens the job may spend on the placement. */
    TOKENS("tokens", "micro-tokens"),
    /** Real bids the market rejected. */
    MARKET("market", "bids");

    private final String label;
    private final String unit;

    Resource(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** The lower-case name used in failure messages, e.g. {@code memory}. */
    public String label() {
        return label;
    }

    /** The unit of the quantities, e.g. {@code MiB}. */
    public String unit() {
        return unit;
    }
}
