package io.teg.grid;

import java.util.Arrays;

/**
 * A zone ledger's token books and open leases, read on the member that owns the zone ({@link AuditZone}).
 *
 * @param zone the zone
 * @param member the owner's UUID
 * @param lastSequence the journal's last sequence
 * @param mintedMicros µtokens ever minted
 * @param burnedMicros µtokens ever burned
 * @param balancesMicros Σ wallet balances, µtokens
 * @param escrowedMicros Σ escrow, µtokens
 * @param leaseIds the open leases, ascending
 */
public record ZoneAudit(String zone, String member, long lastSequence, long mintedMicros, long burnedMicros,
                        long balancesMicros, long escrowedMicros, long[] leaseIds) {

    public ZoneAudit {
        leaseIds = leaseIds.clone();
    }

    /** minted − burned = Σ balances + Σ escrow, exactly. */
    public boolean balanced() {
        return mintedMicros - burnedMicros == balancesMicros + escrowedMicros;
    }

    @Override
    public long[] leaseIds() {
        return leaseIds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZoneAudit a && zone.equals(a.zone) && member.equals(a.member) && lastSequence == a.lastSequence
                && mintedMicros == a.mintedMicros && burnedMicros == a.burnedMicros
                && balancesMicros == a.balancesMicros && escrowedMicros == a.escrowedMicros
                && Arrays.equals(leaseIds, a.leaseIds);
    }

    @Override
    public int hashCode() {
        return zone.hashCode() * 31 + Long.hashCode(lastSequence);
    }

    @Override
    public String toString() {
        return "ZoneAudit[" + zone + " on " + member + ", seq=" + lastSequence + ", minted=" + mintedMicros + ", burned="
                + burnedMicros + ", balances=" + balancesMicros + ", escrowed=" + escrowedMicros + ", leases="
                + leaseIds.length + "]";
    }
}
