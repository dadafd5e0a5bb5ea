package io.teg.ledger;

import java.util.Locale;

/**
 * Why a command was refused, with the quantities: {@code asked} is what the order needed or offered, {@code available}
 * what the ledger had, both in the unit {@link Reason} names. Nothing changed for a rejected order.
 *
 * @param reason the kind of refusal
 * @param node the node's name where the refusal is about one node, else ""
 * @param asked the order's quantity
 * @param available the ledger's quantity
 */
public record Reject(Reason reason, String node, long asked, long available) implements Result {

    /** The kinds of refusal, each with its message template (asked, available, node). */
    public enum Reason {
        /** Rate in µtokens per unit-second below the node's reserve price. */
        BELOW_RESERVE("bid %d < reserve %d µtokens/unit-s on node %s"),
        /** Lost the window's auction: rate below the lowest winning rate on the node, µtokens per unit-second. */
        OUTBID("outbid on node %3$s: bid %1$d < lowest winning bid %2$d µtokens/unit-s"),
        /** CPU in thousandths of a core. */
        NO_CPU("needs %1$d mCPU on node %3$s, %2$d free"),
        /** Whole GPUs. */
        NO_GPU("needs %1$d GPUs on node %3$s, %2$d free"),
        /** Memory in MiB past C_max = (1 − reserve fraction) × capacity. */
        PAST_C_MAX("needs %1$d MiB on node %3$s, %2$d MiB sellable below C_max"),
        /** Contiguous aligned GPUs. */
        NO_BLOCK("needs %d contiguous GPUs, largest free block %d"),
        /** µtokens: the most the order could pay against the account's balance. */
        INSUFFICIENT_FUNDS("may pay up to %d µtokens, balance %d"),
        /** Node index against the zone's node count. */
        UNKNOWN_NODE("node index %d outside the zone's %d nodes"),
        /** Lease id. */
        UNKNOWN_LEASE("lease %d is not open"),
        /** Lease id. */
        NOT_OWNER("lease %d belongs to another account"),
        /** Lease id. */
        BLOCK_LEASE("lease %d holds a whole GPU block; bid for a new block instead"),
        /** Idle units against the lease's units. */
        IDLE_EXCEEDS_UNITS("reports %d idle units on a lease of %d units"),
        /** Rate in µtokens per unit-second against the unit-seconds it was multiplied by. */
        PRICE_OVERFLOW("rate %d × %d unit-s passes the largest µtoken amount"),
        /** µtokens asked to mint against the room left below the largest µtoken amount. */
        MINT_OVERFLOW("minting %d µtokens passes the largest amount, room %d");

        private final String template;

        Reason(String template) {
            this.template = template;
        }

        String format(long asked, long available, String node) {
            return String.format(Locale.ROOT, template, asked, available, node);
        }
    }

    public Reject {
        if (reason == null) throw new IllegalArgumentException("reason is required");
        if (node == null) node = "";
    }

    /** A refusal not about one node. */
    public static Reject of(Reason reason, long asked, long available) {
        return new Reject(reason, "", asked, available);
    }

    /** The refusal in words, with its quantities, e.g. {@code "bid 12 < reserve 15 µtokens/unit-s on node n3"}. */
    public String message() {
        return reason.format(asked, available, node);
    }
}
