package io.teg.node.memory;

import io.teg.node.airlock.Airlock;
import io.teg.node.airlock.AirlockAction;
import io.teg.node.airlock.AirlockPhase;
import io.teg.node.airlock.AirlockState;
import io.teg.node.airlock.AirlockStep;
import io.teg.node.airlock.EvacuationMode;
import io.teg.node.airlock.NodeObservation;
import io.teg.node.airlock.TenantObservation;
import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.CgroupException;
import io.teg.node.cgroup.MemoryReading;
import io.teg.node.cgroup.SwapPush;
import io.teg.node.evacuation.Evacuation;
import io.teg.node.evacuation.Evacuator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives the pure {@link Airlock} with real cgroups: each {@link #tick()} reads every tenant's memory controller,
 * builds a {@link NodeObservation}, steps the airlock and applies its actions in order (memory.high, freeze, evacuate,
 * thaw). A tenant whose cgroup holds no process any more has left and is dropped.
 *
 * <p>Observation of one tenant: usage in MiB (rounded up), "growing" when usage rose or the controller refused it
 * more memory since the last tick (failcnt rose, or the job waits at its threshold: v1 under_oom), "frozen" as the
 * guard last set it. When {@code compressedSwap} is on (zram swap active and allowed by the agent's config), a
 * freeze the airlock marks for it is followed at once by {@link CgroupController#pushToSwap}: the frozen job's pages
 * go to zram, which makes room for the stronger job before any evacuation.
 *
 * <p>Single-threaded: call {@link #tick()} from one thread. Time comes from the injected {@link InstantSource}.
 */
public final class MemoryGuard {

    private static final Logger LOG = LogManager.getLogger(MemoryGuard.class);
    private static final long MIB = 1L << 20;

    private final CgroupController cgroups;
    private final Airlock airlock;
    private final Map<EvacuationMode, Evacuator> evacuators;
    private final long capacityMiB;
    private final boolean compressedSwap;
    private final InstantSource clock;

    private final Map<Long, Tenant> tenants = new LinkedHashMap<>();
    private final Map<Long, Long> lastUsage = new HashMap<>();
    private final Map<Long, Long> lastFailcnt = new HashMap<>();
    private final Map<Long, Long> highs = new HashMap<>();
    private final Set<Long> frozen = new HashSet<>();
    private final List<Evacuation> evacuations = new ArrayList<>();
    private final List<SwapPush> pushes = new ArrayList<>();
    private final List<AirlockEpisode> episodes = new ArrayList<>();
    private AirlockState state;
    private Instant onset;

    /**
     * @param capacityMiB    the node's memory C_max for jobs, MiB
     * @param evacuators     the evacuator for each mode; a mode without one falls back to the next harder that has one
     * @param compressedSwap whether frozen jobs' pages may be pushed to compressed swap
     */
    public MemoryGuard(CgroupController cgroups, Airlock airlock, Map<EvacuationMode, Evacuator> evacuators,
                       long capacityMiB, boolean compressedSwap, InstantSource clock) {
        if (evacuators.isEmpty()) throw new IllegalArgumentException("at least one evacuator is needed");
        this.cgroups = cgroups;
        this.airlock = airlock;
        this.evacuators = new EnumMap<>(evacuators);
        this.capacityMiB = capacityMiB;
        this.compressedSwap = compressedSwap;
        this.clock = clock;
        this.state = AirlockState.calm(clock.instant());
    }

    /** Starts watching a job (idempotent). */
    public void admit(Tenant t) {
        tenants.putIfAbsent(t.jobId(), t);
    }

    public Set<Long> tenantIds() {
        return Set.copyOf(tenants.keySet());
    }

    /** One observe-decide-act round; returns the airlock's step (for logs and tests). */
    public AirlockStep tick() {
        NodeObservation o = observe();
        AirlockPhase before = state.phase();
        AirlockStep step = airlock.step(state, o);
        for (AirlockAction a : step.actions()) apply(a);
        AirlockState next = step.state();
        if (!before.engaged() && next.phase().engaged()) {
            onset = o.at();
        } else if (before.engaged() && !next.phase().engaged() && onset != null) {
            episodes.add(new AirlockEpisode(onset, o.at(), state.strongerId(), state.weakerIds()));
            onset = null;
        }
        if (before != next.phase()) LOG.info("airlock {} -> {} at {} MiB of {} MiB: {}", before, next.phase(), o.usedMiB(), capacityMiB, step.actions());
        state = next;
        return step;
    }

    private NodeObservation observe() {
        Instant now = clock.instant();
        List<TenantObservation> seen = new ArrayList<>();
        for (var it = tenants.values().iterator(); it.hasNext(); ) {
            Tenant t = it.next();
            MemoryReading r;
            try {
                if (cgroups.pids(t.cgroup()).isEmpty()) {
                    forget(t.jobId());
                    it.remove();
                    continue;
                }
                r = cgroups.memory(t.cgroup());
            } catch (CgroupException gone) {
                LOG.info("job {}: cgroup {} gone ({})", t.jobId(), t.cgroup(), gone.getMessage());
                forget(t.jobId());
                it.remove();
                continue;
            }
            long usage = (r.usageBytes() + MIB - 1) / MIB;
            long prevUsage = lastUsage.getOrDefault(t.jobId(), usage);
            long prevFail = lastFailcnt.getOrDefault(t.jobId(), r.failcnt());
            boolean isFrozen = frozen.contains(t.jobId());
            boolean growing = !isFrozen && (usage > prevUsage || r.failcnt() > prevFail || r.underOom());
            lastUsage.put(t.jobId(), usage);
            lastFailcnt.put(t.jobId(), r.failcnt());
            seen.add(new TenantObservation(t.jobId(), t.requestMiB(), usage,
                    highs.getOrDefault(t.jobId(), TenantObservation.NO_HIGH), growing, isFrozen, t.strength()));
        }
        return new NodeObservation(now, capacityMiB, compressedSwap, seen);
    }

    private void forget(long jobId) {
        lastUsage.remove(jobId);
        lastFailcnt.remove(jobId);
        highs.remove(jobId);
        frozen.remove(jobId);
    }

    private void apply(AirlockAction a) {
        Tenant t = tenants.get(a.jobId());
        if (t == null) return;
        try {
            switch (a) {
                case AirlockAction.SetMemoryHigh h -> {
                    cgroups.setMemoryHigh(t.cgroup(), h.highMiB() * MIB);
                    highs.put(t.jobId(), h.highMiB());
                }
                case AirlockAction.ClearMemoryHigh c -> {
                    cgroups.setMemoryHigh(t.cgroup(), Long.MAX_VALUE);
                    highs.remove(t.jobId());
                }
                case AirlockAction.Freeze f -> {
                    cgroups.freeze(t.cgroup());
                    frozen.add(t.jobId());
                    if (f.pushToSwap()) {
                        SwapPush p = cgroups.pushToSwap(t.cgroup());
                        pushes.add(p);
                        LOG.info("job {} frozen, {} MiB of {} MiB pushed to compressed swap ({})", t.jobId(),
                                p.pushedBytes() >> 20, p.beforeBytes() >> 20, p.how());
                    }
                }
                case AirlockAction.Thaw th -> {
                    cgroups.thaw(t.cgroup());
                    frozen.remove(t.jobId());
                }
                case AirlockAction.Evacuate e -> {
                    Evacuation done = evacuatorFor(e.mode()).evacuate(t.jobId(), t.cgroup());
                    frozen.remove(t.jobId());
                    evacuations.add(done);
                    LOG.info("job {} evacuated ({}, reserve {} MiB): {}", t.jobId(), e.mode(), e.reserveMiB(), done.detail());
                }
            }
        } catch (CgroupException failed) {
            LOG.warn("job {}: {} failed: {}", t.jobId(), a, failed.getMessage());
        }
    }

    private Evacuator evacuatorFor(EvacuationMode mode) {
        for (EvacuationMode m = mode; ; m = m.harder()) {
            Evacuator e = evacuators.get(m);
            if (e != null) return e;
            if (m == EvacuationMode.KILL) break;
        }
        return evacuators.values().iterator().next();
    }

    public AirlockState state() {
        return state;
    }

    /** Every evacuation carried out, oldest first. */
    public List<Evacuation> evacuations() {
        return List.copyOf(evacuations);
    }

    /** Every push of a frozen job's pages to compressed swap, oldest first. */
    public List<SwapPush> swapPushes() {
        return List.copyOf(pushes);
    }

    /** Every conflict resolved, oldest first. */
    public List<AirlockEpisode> episodes() {
        return List.copyOf(episodes);
    }
}
