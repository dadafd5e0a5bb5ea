package io.teg.ledger;

/**
 * The answer to a virtual (probe) bid: where it would be placed now and what it would pay bidding alone (the reserve
 * price). Nothing was locked or charged.
 *
 * @param firstNode the first node it would hold
 * @param nodeCount consecutive nodes it would hold
 * @param reserveRateMicros reserve in µtokens per unit-second
 * @param priceMicros µtokens it would pay: reserve × units × durationS
 * @param balanceMicros the account's balance in µtokens, the "proof of wealth" it was checked against
 */
public record Quote(int firstNode, int nodeCount, long reserveRateMicros, long priceMicros, long balanceMicros)
        implements Result {
}
