package io.teg.node.power;

import java.util.List;

/**
 * The policy's answer for one control tick.
 *
 * @param capsMilliwatts   the limit to set per GPU, mW, in input order
 * @param targetMilliwatts the demand-proportional share each GPU would get without rate limiting, mW
 * @param budgetMilliwatts the node budget asked for, mW
 * @param floorMilliwatts  Σ min: the least the GPUs can be held to; above the budget means the budget cannot be met
 */
public record PowerCaps(List<Long> capsMilliwatts, List<Long> targetMilliwatts, long budgetMilliwatts,
                        long floorMilliwatts) {

    public PowerCaps {
        capsMilliwatts = List.copyOf(capsMilliwatts);
        targetMilliwatts = List.copyOf(targetMilliwatts);
    }

    /** Σ caps, mW. */
    public long totalMilliwatts() {
        return capsMilliwatts.stream().mapToLong(Long::longValue).sum();
    }

    /** Whether the budget is below what the GPUs' minimum limits allow (then every GPU sits at its minimum). */
    public boolean budgetBelowFloor() {
        return floorMilliwatts > budgetMilliwatts;
    }
}
