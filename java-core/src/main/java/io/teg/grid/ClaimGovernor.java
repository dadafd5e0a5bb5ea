package io.teg.grid;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Claims or renews the governor lease for {@code member}: it wins when nobody holds the lease, when it holds it
 * already (renewal), when the holder's lease expired before {@code nowMillis}, or when the holder is
 * {@code departedMember} (a member the cluster has removed). Returns the lease after the claim; the claimant is
 * active exactly when the returned holder is itself.
 *
 * @param member the claimant's UUID
 * @param nowMillis the claimant's clock, epoch milliseconds
 * @param ttlMillis how long the lease lasts without renewal
 * @param departedMember a member known to have left, whose lease may be taken at once ("" for none)
 */
public record ClaimGovernor(String member, long nowMillis, long ttlMillis, String departedMember)
        implements EntryProcessor<String, GovernorLease, GovernorLease> {

    @Override
    public GovernorLease process(Map.Entry<String, GovernorLease> entry) {
        GovernorLease held = entry.getValue();
        boolean free = held == null || held.expiresAtMillis() < nowMillis || held.member().equals(departedMember);
        if (held != null && held.member().equals(member)) {
            GovernorLease renewed = new GovernorLease(member, held.term(), nowMillis + ttlMillis);
            entry.setValue(renewed);
            return renewed;
        }
        if (!free) return held;
        GovernorLease taken = new GovernorLease(member, held == null ? 1 : held.term() + 1, nowMillis + ttlMillis);
        entry.setValue(taken);
        return taken;
    }
}
