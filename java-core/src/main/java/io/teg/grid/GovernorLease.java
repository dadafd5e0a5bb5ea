package io.teg.grid;

/**
 * Who is the active governor: the one entry of map {@code teg-governor}. Changed only by {@link ClaimGovernor} on the
 * entry's partition owner, so two claims never both win.
 *
 * @param member the holder's member UUID
 * @param term incremented on every change of holder, from 1; published fields carry it
 * @param expiresAtMillis when the claim lapses unless renewed, epoch milliseconds of the claimants' clocks
 */
public record GovernorLease(String member, long term, long expiresAtMillis) {
}
