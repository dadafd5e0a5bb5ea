package io.teg.grid;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The election that keeps exactly one governor active: a lease in map {@code teg-governor}, claimed and renewed with
 * the {@link ClaimGovernor} entry processor, which runs atomically on the entry's partition owner. The holder renews
 * every third of the lease time; a standby takes over when the lease lapses, or at once when the cluster removes the
 * holder. Each change of holder raises the term, and published fields carry it, so readers prefer the newest governor.
 *
 * <p>Why not a CP {@code FencedLock}: since Hazelcast 5.5 the CP Subsystem with CP members is an Enterprise feature,
 * and in community edition its locks run in unsafe mode without stronger guarantees than a map entry. Like any AP
 * election, a network split can seat one governor per side until it heals; the split-brain merge keeps the lease with
 * the higher term ({@code teg-governor} uses the {@code LatestUpdateMergePolicy}).
 */
public final class GovernorSeat implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(GovernorSeat.class);

    private final IMap<String, GovernorLease> map;
    private final String self;
    private final InstantSource clock;
    private final long ttlMillis;
    private final GridMetrics metrics;
    private final ScheduledExecutorService timer;
    private final UUID membershipListener;
    private final HazelcastInstance hz;
    private volatile GovernorLease lease;

    /**
     * Joins the election on member {@code hz}, claiming at once and then every {@code ttl}/3.
     *
     * @param ttl how long a lease lasts without renewal (a standby waits at most this long after a silent holder)
     */
    public GovernorSeat(HazelcastInstance hz, InstantSource clock, Duration ttl, GridMetrics metrics) {
        if (ttl.toMillis() < 30) throw new IllegalArgumentException("the governor lease needs at least 30 ms, got " + ttl);
        this.hz = hz;
        this.map = hz.getMap(GridNames.GOVERNOR);
        this.self = hz.getCluster().getLocalMember().getUuid().toString();
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.metrics = metrics;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "teg-governor-seat");
            t.setDaemon(true);
            return t;
        });
        this.membershipListener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override public void memberAdded(MembershipEvent e) { }
            @Override public void memberRemoved(MembershipEvent e) {
                String departed = e.getMember().getUuid().toString();
                timer.execute(() -> claim(departed));
            }
        });
        timer.scheduleWithFixedDelay(() -> claim(""), 0, Math.max(10, ttlMillis / 3), TimeUnit.MILLISECONDS);
    }

    private void claim(String departed) {
        try {
            GovernorLease l = map.executeOnKey(GridNames.GOVERNOR_KEY,
                    new ClaimGovernor(self, clock.millis(), ttlMillis, departed));
            boolean was = active();
            lease = l;
            boolean is = active();
            metrics.governorActive.set(is ? 1 : 0);
            metrics.governorTerm.set(l.term());
            if (is != was) LOG.info("governor on {}: {} (term {})", self, is ? "active" : "standby", l.term());
        } catch (RuntimeException e) {
            if (!timer.isShutdown()) LOG.warn("governor claim failed on {}: {}", self, e.toString());
        }
    }

    /**
     * True while this member holds an unexpired lease, by this member's clock. A holder that cannot renew stops
     * counting itself active when its lease runs out, before a standby may take it.
     */
    public boolean active() {
        GovernorLease l = lease;
        return l != null && l.member().equals(self) && l.expiresAtMillis() > clock.millis();
    }

    /** The term of the lease this member last saw, 0 before the first claim. */
    public long term() {
        GovernorLease l = lease;
        return l == null ? 0 : l.term();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            hz.getCluster().removeMembershipListener(membershipListener);
            GovernorLease l = lease;
            // Give the seat back by renewing it with no time left: the term stays, so the successor's is higher.
            if (l != null && l.member().equals(self))
                map.executeOnKey(GridNames.GOVERNOR_KEY, new ClaimGovernor(self, clock.millis() - 1, 0, ""));
        } catch (RuntimeException e) {
            LOG.debug("governor lease not given back: {}", e.toString());
        }
        metrics.governorActive.set(0);
    }
}
