package io.teg.node.airlock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The memory airlock of one node (ARCHITECTURE section 7): a pure function from (state, observation) to (next
 * state, ordered actions). The node agent applies the actions to cgroups; the simulator applies them to its tasks.
 *
 * <h2>Glassy state</h2>
 * With usable memory {@code U} (capacity less the reserve, {@link AirlockParameters}), used memory
 * {@code M = sum u_i} and {@code n} running jobs, the headroom is {@code H = max(0, U - M)} and every running job
 * gets
 * <pre>  memory.high_i = max(q_i, u_i + floor(H / n))</pre>
 * where {@code q_i} is its request: a job below its request is never throttled, and the jobs above it share what
 * is left. The kernel reclaims and throttles a job at memory.high; it does not kill it.
 *
 * <h2>Conflict and the airlock</h2>
 * A job is <em>pressing</em> when it runs, asks for more and sits at its memory.high
 * ({@link TenantObservation#pressing()}). The node cannot hold them when at least two press and
 * {@code floor(H / n) = 0}. Then, strictly in this order, one step per observation:
 * <ol>
 *   <li>freeze the weaker pressing jobs (all but the strongest, {@link TenantObservation#WEAKEST_FIRST}), pushing
 *       their pages to compressed swap where the node has it;</li>
 *   <li>at the next observation, if the stronger still presses with no headroom, freeze it too;</li>
 *   <li>in the same step, evacuate the weaker jobs, each allowed the reserve; if they have not left after
 *       {@link AirlockParameters#evacuationTimeout()}, ask again in the next harder {@link EvacuationMode};</li>
 *   <li>once they are gone, thaw the stronger.</li>
 * </ol>
 * A job that starts pressing while the airlock is open joins the weaker jobs (it is frozen, then evacuated). If
 * the stronger leaves before the evacuation starts, the strongest weaker job takes its place.
 *
 * <h2>Invariants</h2>
 * After every step, in the view {@link #after} gives: no two running jobs press while {@code floor(H / n) = 0};
 * a job is never thawed before all the jobs evacuated for it are gone; every phase is left after a bounded number
 * of observations once evacuated jobs leave (and the timeout escalates when they do not).
 */
public final class Airlock {

    private final AirlockParameters parameters;

    public Airlock(AirlockParameters parameters) {
        if (parameters == null) throw new IllegalArgumentException("parameters are required");
        this.parameters = parameters;
    }

    public AirlockParameters parameters() {
        return parameters;
    }

    /** Decides what to do on this observation. */
    public AirlockStep step(AirlockState state, NodeObservation o) {
        List<AirlockAction> actions = new ArrayList<>();
        AirlockState next = switch (state.phase()) {
            case CALM, GLASSY -> settle(state, o, actions);
            case WEAKER_FROZEN -> weakerFrozen(state, o, actions);
            case EVACUATING -> evacuating(state, o, actions);
        };
        return new AirlockStep(next, actions);
    }

    /**
     * The observation the driver sees right after applying {@code actions}, before any job moves: a freeze sets
     * the frozen flag, a thaw clears it (a frozen job has not grown), memory.high changes take effect, and an
     * evacuated job stays until it has left.
     */
    public static NodeObservation after(NodeObservation o, List<AirlockAction> actions) {
        List<TenantObservation> ts = new ArrayList<>(o.tenants());
        for (AirlockAction a : actions) {
            for (int i = 0; i < ts.size(); i++) {
                TenantObservation t = ts.get(i);
                if (t.jobId() != a.jobId()) continue;
                ts.set(i, switch (a) {
                    case AirlockAction.Freeze f -> t.withFrozen(true);
                    case AirlockAction.Thaw th -> new TenantObservation(t.jobId(), t.requestMiB(), t.usageMiB(),
                            t.highMiB(), false, false, t.strength());
                    case AirlockAction.SetMemoryHigh h -> t.withHigh(h.highMiB());
                    case AirlockAction.ClearMemoryHigh c -> t.withHigh(TenantObservation.NO_HIGH);
                    case AirlockAction.Evacuate e -> t;
                });
            }
        }
        return new NodeObservation(o.at(), o.capacityMiB(), o.compressedSwap(), ts);
    }

    /** Headroom {@code H = max(0, U - M)} in MiB. */
    public long headroomMiB(NodeObservation o) {
        return Math.max(0, parameters.usableMiB(o.capacityMiB()) - o.usedMiB());
    }

    /** True when the node cannot give any running job one more MiB: {@code floor(H / n) = 0}. */
    public boolean exhausted(NodeObservation o) {
        long n = o.tenants().stream().filter(t -> !t.frozen()).count();
        return n == 0 || headroomMiB(o) / n == 0;
    }

    // ---------------------------------------------------------------------------------------------------------

    private AirlockState settle(AirlockState state, NodeObservation o, List<AirlockAction> actions) {
        long usable = parameters.usableMiB(o.capacityMiB());
        long used = o.usedMiB();
        boolean glassy = state.phase() == AirlockPhase.GLASSY
                ? used >= parameters.glassyExitFraction() * usable
                : used >= parameters.glassyEnterFraction() * usable;
        if (!glassy) {
            for (TenantObservation t : o.tenants())
                if (!t.frozen() && t.highMiB() != TenantObservation.NO_HIGH)
                    actions.add(new AirlockAction.ClearMemoryHigh(t.jobId()));
            return state.phase() == AirlockPhase.CALM ? state : AirlockState.calm(o.at());
        }
        setHighs(o, actions);
        NodeObservation view = after(o, actions);
        List<TenantObservation> pressing = view.tenants().stream().filter(TenantObservation::pressing)
                .sorted(TenantObservation.WEAKEST_FIRST).toList();
        if (pressing.size() >= 2 && exhausted(view)) {
            TenantObservation stronger = pressing.getLast();
            List<Long> weaker = new ArrayList<>();
            for (TenantObservation t : pressing.subList(0, pressing.size() - 1)) {
                actions.add(new AirlockAction.Freeze(t.jobId(), o.compressedSwap()));
                weaker.add(t.jobId());
            }
            return new AirlockState(AirlockPhase.WEAKER_FROZEN, stronger.jobId(), false, weaker,
                    EvacuationMode.CHECKPOINT, o.at());
        }
        return state.phase() == AirlockPhase.GLASSY ? state
                : new AirlockState(AirlockPhase.GLASSY, -1, false, List.of(), EvacuationMode.CHECKPOINT, o.at());
    }

    private void setHighs(NodeObservation o, List<AirlockAction> actions) {
        long n = o.tenants().stream().filter(t -> !t.frozen()).count();
        if (n == 0) return;
        long slice = headroomMiB(o) / n;
        for (TenantObservation t : o.tenants()) {
            if (t.frozen()) continue;
            long high = Math.max(t.requestMiB(), t.usageMiB() + slice);
            if (high != t.highMiB()) actions.add(new AirlockAction.SetMemoryHigh(t.jobId(), high));
        }
    }

    private AirlockState weakerFrozen(AirlockState s, NodeObservation o, List<AirlockAction> actions) {
        List<Long> weaker = present(s.weakerIds(), o);
        long strongerId = s.strongerId();
        boolean strongerFrozen = s.strongerFrozen();
        if (o.tenant(strongerId).isEmpty()) {
            if (weaker.isEmpty()) return settle(glassy(o.at()), o, actions);
            // the strongest weaker job takes the stronger's place; it is frozen and owed a thaw
            long promoted = weaker.getLast();
            weaker = new ArrayList<>(weaker.subList(0, weaker.size() - 1));
            strongerId = promoted;
            strongerFrozen = true;
        }
        weaker = joinNewcomers(strongerId, weaker, o, actions, null);
        if (weaker.isEmpty()) return thawAndSettle(strongerId, strongerFrozen, o, actions);
        TenantObservation stronger = o.tenant(strongerId).orElseThrow();
        if (!strongerFrozen && stronger.pressing() && exhausted(after(o, actions))) {
            // held only until the weaker has left: its pages stay in memory (pushing them would cost a swap-out
            // now and a swap-in at the thaw, for the job the airlock keeps)
            actions.add(new AirlockAction.Freeze(strongerId, false));
            strongerFrozen = true;
        }
        long reserve = parameters.reserveMiB(o.capacityMiB());
        for (long id : weaker) actions.add(new AirlockAction.Evacuate(id, EvacuationMode.CHECKPOINT, reserve));
        return new AirlockState(AirlockPhase.EVACUATING, strongerId, strongerFrozen, weaker,
                EvacuationMode.CHECKPOINT, o.at());
    }

    private AirlockState evacuating(AirlockState s, NodeObservation o, List<AirlockAction> actions) {
        List<Long> weaker = present(s.weakerIds(), o);
        boolean strongerHere = o.tenant(s.strongerId()).isPresent();
        weaker = joinNewcomers(strongerHere ? s.strongerId() : -1, weaker, o, actions, s.mode());
        if (weaker.isEmpty()) {
            if (!strongerHere) return settle(glassy(o.at()), o, actions);
            return thawAndSettle(s.strongerId(), s.strongerFrozen(), o, actions);
        }
        Duration waited = Duration.between(s.since(), o.at());
        if (waited.compareTo(parameters.evacuationTimeout()) >= 0) {
            EvacuationMode harder = s.mode().harder();
            long reserve = parameters.reserveMiB(o.capacityMiB());
            for (long id : weaker) actions.add(new AirlockAction.Evacuate(id, harder, reserve));
            return new AirlockState(AirlockPhase.EVACUATING, s.strongerId(), s.strongerFrozen(), weaker, harder, o.at());
        }
        return new AirlockState(AirlockPhase.EVACUATING, s.strongerId(), s.strongerFrozen(), weaker, s.mode(), s.since());
    }

    /** Freezes the running jobs other than the stronger that press while the airlock is open; evacuates them too when {@code mode} is set. */
    private List<Long> joinNewcomers(long strongerId, List<Long> weaker, NodeObservation o,
                                     List<AirlockAction> actions, EvacuationMode mode) {
        Set<Long> known = new HashSet<>(weaker);
        List<TenantObservation> newcomers = o.tenants().stream()
                .filter(t -> t.pressing() && t.jobId() != strongerId && !known.contains(t.jobId()))
                .sorted(TenantObservation.WEAKEST_FIRST).toList();
        if (newcomers.isEmpty()) return weaker;
        List<Long> all = new ArrayList<>(weaker);
        long reserve = parameters.reserveMiB(o.capacityMiB());
        for (TenantObservation t : newcomers) {
            actions.add(new AirlockAction.Freeze(t.jobId(), o.compressedSwap()));
            if (mode != null) actions.add(new AirlockAction.Evacuate(t.jobId(), mode, reserve));
            all.add(t.jobId());
        }
        return all;
    }

    private AirlockState thawAndSettle(long strongerId, boolean strongerFrozen, NodeObservation o,
                                       List<AirlockAction> actions) {
        if (strongerFrozen) actions.add(new AirlockAction.Thaw(strongerId));
        NodeObservation view = after(o, actions);
        return settle(glassy(o.at()), view, actions);
    }

    private static AirlockState glassy(Instant at) {
        return new AirlockState(AirlockPhase.GLASSY, -1, false, List.of(), EvacuationMode.CHECKPOINT, at);
    }

    private static List<Long> present(List<Long> ids, NodeObservation o) {
        List<Long> out = new ArrayList<>();
        for (long id : ids) if (o.tenant(id).isPresent()) out.add(id);
        return out;
    }
}
