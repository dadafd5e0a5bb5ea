package io.teg.agent;

import java.util.Arrays;
import java.util.Objects;

/**
 * A placed job: the node of each task, best first, and how the decision went. Immutable (the array is copied in
 * and out). The slots were won in the market; the caller binds the tasks to the nodes.
 *
 * @param jobId the job
 * @param taskNodes task i runs on node taskNodes[i]; ranked, cheapest and then nearest node first; a node appears
 *        several times when several tasks share it
 * @param landingXM x where the agent's flight ended, metres
 * @param landingYM y where the agent's flight ended, metres
 * @param priceMicroTokens what the job pays (burned), micro-tokens
 * @param agent the agent's mass and charge
 * @param steps integration steps of the flight (K)
 * @param nodesTouched per-node reads of the decision (see {@link Placement#nodesTouched()})
 * @param bucketsInspected spatial-index buckets scanned, over all attempts
 * @param attempts real or fill-checked bids made, 1 + retries used
 */
public record PlacementResult(long jobId, int[] taskNodes, double landingXM, double landingYM, long priceMicroTokens,
                              Agent agent, int steps, int nodesTouched, int bucketsInspected, int attempts)
        implements Placement {

    public PlacementResult {
        Objects.requireNonNull(agent, "agent");
        if (taskNodes.length == 0) throw new IllegalArgumentException("a placement needs at least one task node");
        taskNodes = taskNodes.clone();
    }

    @Override
    public int[] taskNodes() {
        return taskNodes.clone();
    }

    /** Number of tasks placed. */
    public int tasks() {
        return taskNodes.length;
    }

    /** The distinct nodes, in rank order. */
    public int[] distinctNodes() {
        return Arrays.stream(taskNodes).distinct().toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlacementResult r && jobId == r.jobId && Arrays.equals(taskNodes, r.taskNodes)
                && Double.compare(landingXM, r.landingXM) == 0 && Double.compare(landingYM, r.landingYM) == 0
                && priceMicroTokens == r.priceMicroTokens && agent.equals(r.agent) && steps == r.steps
                && nodesTouched == r.nodesTouched && bucketsInspected == r.bucketsInspected && attempts == r.attempts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, Arrays.hashCode(taskNodes), landingXM, landingYM, priceMicroTokens, agent, steps,
                nodesTouched, bucketsInspected, attempts);
    }

    @Override
    public String toString() {
        return "PlacementResult[job " + jobId + " on " + Arrays.toString(taskNodes) + " for " + priceMicroTokens
                + " µtokens, landed at (" + landingXM + ", " + landingYM + ") m, " + agent + ", steps=" + steps
                + ", nodesTouched=" + nodesTouched + ", buckets=" + bucketsInspected + ", attempts=" + attempts + "]";
    }
}
