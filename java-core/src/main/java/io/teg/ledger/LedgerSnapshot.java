package io.teg.ledger;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a zone ledger's future depends on, as one immutable value: two books with equal snapshots answer every
 * later command alike. A book rebuilt by {@link LedgerBook#replay} from a journal has a snapshot equal to the
 * original's. Bids waiting in an open auction window are not state (they hold nothing until their window clears),
 * and neither is the clock reading of unjournaled commands.
 *
 * @param lastSequence the sequence number of the last journal entry applied
 * @param mintedMicros µtokens ever minted
 * @param burnedMicros µtokens ever burned
 * @param escrowedMicros µtokens in escrow (0 outside a clearing)
 * @param taxRateMicrosPerUnitSecond the holding tax γ, µtokens per idle unit-second
 * @param lastTickNanos the time of the last tick, the start of the open tax and decay period, nanoseconds
 *        ({@link Long#MIN_VALUE} before the first journaled event)
 * @param nextLeaseId the id the next lease will get
 * @param balances µtoken balance of every wallet, by account
 * @param leases every open lease, by ascending id
 * @param nodes every node's sold resources and multipliers, by node index
 */
public record LedgerSnapshot(long lastSequence, long mintedMicros, long burnedMicros, long escrowedMicros,
                             long taxRateMicrosPerUnitSecond, long lastTickNanos, long nextLeaseId,
                             SortedMap<String, Long> balances, List<Lease> leases, List<NodeState> nodes) {

    /**
     * One node's market state.
     *
     * @param usedCpuMilli CPU sold, thousandths of a core
     * @param usedMemMiB memory sold, MiB
     * @param usedGpuMask GPUs sold (bit i = GPU i)
     * @param thermal local thermal multiplier
     * @param external external (gossip) multiplier
     * @param demand demand multiplier
     */
    public record NodeState(int usedCpuMilli, long usedMemMiB, long usedGpuMask, double thermal, double external,
                            double demand) {
    }

    public LedgerSnapshot {
        balances = Collections.unmodifiableSortedMap(new TreeMap<>(balances));
        leases = List.copyOf(leases);
        nodes = List.copyOf(nodes);
    }

    /** The audit totals of this state: Σ balances summed from {@link #balances()}. */
    public Audit audit() {
        long sum = 0;
        for (long b : balances.values()) sum += b;
        return new Audit(mintedMicros, burnedMicros, sum, escrowedMicros);
    }
}
