package io.teg.ledger;

/**
 * A bid or expansion that cleared. The lease holds {@code gpuMask} GPUs (bit i = GPU i of the node) on each of the
 * {@code nodeCount} consecutive nodes from {@code firstNode}.
 *
 * <p>Vickrey payment: {@code clearingRate} is the highest of the reserve price at placement and the highest rate
 * among bids this one displaced in its window (the second price), never more than its own rate;
 * {@code pricePaid = clearingRate × units × durationS}. {@code tokensBurned = pricePaid + friction}: paid tokens
 * evaporate, they go to no one.
 *
 * @param leaseId the new lease's id, or for an expansion the grown lease's
 * @param jobId the bidder's job id (0 for an expansion)
 * @param account the paying account
 * @param firstNode the first node index held
 * @param nodeCount consecutive nodes held (1 for a node bid)
 * @param gpuMask GPUs held on each of those nodes (for an expansion: the GPUs added)
 * @param clearingRateMicros µtokens per unit-second paid
 * @param pricePaidMicros µtokens paid for the resources
 * @param frictionMicros µtokens of transaction friction C_txn (expansions), 0 for a bid
 * @param tokensBurnedMicros µtokens burned by this fill
 * @param evictedLeaseId the incumbent lease this bid evicted, or {@link Lease#NONE}
 * @param expansion true for an expansion of an existing lease
 */
public record Fill(long leaseId, long jobId, String account, int firstNode, int nodeCount, long gpuMask,
                   long clearingRateMicros, long pricePaidMicros, long frictionMicros, long tokensBurnedMicros,
                   long evictedLeaseId, boolean expansion) implements Result {
}
