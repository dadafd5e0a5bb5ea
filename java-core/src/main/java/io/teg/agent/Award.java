package io.teg.agent;

import java.util.Arrays;
import java.util.Objects;

/**
 * The answer to a real bid ({@link SlotMarket#bid}). Immutable (the node array is copied in and out).
 *
 * @param accepted true when the bid won every slot (fill-or-kill: all or nothing)
 * @param nodes when accepted, the node of each slot won, in the order bid; when rejected for unavailable slots,
 *        the distinct nodes that refused; otherwise empty
 * @param priceMicroTokens when accepted, what the winner pays (burned), micro-tokens; when rejected because the
 *        bid was below the price, the asking price; otherwise 0
 * @param rejection why it was rejected, {@link Rejection#NONE} when accepted
 * @param reason a readable account of the rejection with quantities, "" when accepted
 */
public record Award(boolean accepted, int[] nodes, long priceMicroTokens, Rejection rejection, String reason) {

    /** Why a real bid was rejected. */
    public enum Rejection {
        /** Not rejected. */
        NONE,
        /** The bid was below the asking price of the slots. */
        BID_BELOW_PRICE,
        /** At least one slot cannot be sold now (its node no longer has the room, or is not for sale). */
        SLOT_UNAVAILABLE
    }

    public Award {
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(reason, "reason");
        if (accepted != (rejection == Rejection.NONE))
            throw new IllegalArgumentException("an award is accepted exactly when its rejection is NONE, got "
                    + accepted + "/" + rejection);
        if (priceMicroTokens < 0) throw new IllegalArgumentException("price must be >= 0, got " + priceMicroTokens);
        nodes = nodes.clone();
    }

    /** An accepted award: {@code nodes} won for {@code price} micro-tokens. */
    public static Award won(int[] nodes, long priceMicroTokens) {
        return new Award(true, nodes, priceMicroTokens, Rejection.NONE, "");
    }

    /** A rejection. */
    public static Award rejected(Rejection rejection, int[] nodes, long priceMicroTokens, String reason) {
        return new Award(false, nodes, priceMicroTokens, rejection, reason);
    }

    @Override
    public int[] nodes() {
        return nodes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Award a && accepted == a.accepted && priceMicroTokens == a.priceMicroTokens
                && rejection == a.rejection && reason.equals(a.reason) && Arrays.equals(nodes, a.nodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accepted, Arrays.hashCode(nodes), priceMicroTokens, rejection, reason);
    }

    @Override
    public String toString() {
        return accepted ? "Award[won " + Arrays.toString(nodes) + " for " + priceMicroTokens + " µtokens]"
                : "Award[rejected " + rejection + ": " + reason + "]";
    }
}
