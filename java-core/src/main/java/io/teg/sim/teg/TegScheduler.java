package io.teg.sim.teg;

import io.teg.agent.AgentParameters;
import io.teg.agent.JobTerms;
import io.teg.agent.Placement;
import io.teg.agent.PlacementEngine;
import io.teg.agent.PlacementFailure;
import io.teg.agent.PlacementResult;
import io.teg.governor.GovernorDecision;
import io.teg.governor.GovernorParameters;
import io.teg.ledger.Audit;
import io.teg.model.JobRequest;
import io.teg.sim.ClusterView;
import io.teg.sim.MemoryLimitPolicy;
import io.teg.sim.Scheduler;
import io.teg.sim.SchedulerContext;
import io.teg.sim.SimJob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * TEG in the simulator: the production {@link PlacementEngine} (Langevin agent), one production zone
 * {@code LedgerBook} per zone and the production {@code Governor}, wired to the simulator through small adapters.
 * Nothing of the policy is re-implemented here.
 *
 * <pre>
 *   onSubmit ──► queue (priority desc, submit time, index)
 *   schedule ──► epoch due? ── GovernorEpoch: Governor.decide → γ: agent damping max(0, γ); holding tax;
 *       │                      γ &lt; 0 → subsidy mint
 *       ▼                      first decision of the epoch: FieldProjection (S_phys, H_auction → snapshots)
 *   up to 100 queued jobs: ctx.decide( PlacementEngine.place ── ClusterFeasibility, SnapshotLandscape,
 *                                      LedgerSlotMarket (virtual bid, then Bid + CloseAuction)
 *                                      ──► ctx.start(all tasks at once) )
 *   onJobEnd ──► the job's leases released
 * </pre>
 *
 * <h2>Queue discipline</h2>
 * Priority (descending), then submit time, then index. Each {@link #schedule} pass decides at most
 * {@link #QUEUE_DEPTH} jobs (as Slurm's {@code default_queue_depth}), each inside {@link SchedulerContext#decide}, so
 * latency and nodes touched are measured as for every baseline. A job that failed for want of room is not decided
 * again until some job has ended (nothing could have freed room for it); passing over it costs O(1). A job that no
 * node could ever hold ({@link PlacementFailure#never()}) is dropped from the queue and its failure logged once and
 * kept ({@link #droppedJobs()}).
 *
 * <h2>Gangs</h2>
 * A job is started only through {@link SchedulerContext#start}, all tasks at once, after the market filled every
 * order of the job; a refused order releases the others. TEG never holds a partial allocation.
 *
 * <h2>Epochs</h2>
 * Every {@code governor.epochSeconds} (60 s) of simulated time while jobs wait ({@link SchedulerContext#wakeAt}), and
 * at the first pass after an idle stretch, the governor decides from the epoch's counts ({@link GovernorEpoch}).
 * The field is refitted ({@link FieldProjection}) at most once per epoch, at the first decision of the epoch: only
 * agents read it, and an epoch in which no job could be decided (nothing ended, nothing arrived) needs no field, so
 * a long blocked queue costs governor decisions only (O(1) each), not fits. γ sets the agents' damping: damping = max(0, γ) Φ·s/m² per unit of γ, quantised to 1/8 so that at most
 * 8·γ_max + 1 engines are ever built (an engine builds its spatial index once, O(N log N)). A negative γ (the
 * cold-stasis subsidy) never reaches the agent: damping is then 0 and |γ| × {@link #SUBSIDY_MICROS_PER_GAMMA}
 * µtokens are minted to the account of the job at the head of the queue. A positive γ is the ledgers' holding tax,
 * γ × {@link #TAX_MICROS_PER_GAMMA} µtokens per idle unit-second (no usage reports are sent, so leases count as
 * busy and the tax charges nothing yet).
 *
 * <h2>Simplified for now</h2>
 * Memory: {@link MemoryLimitPolicy#GLASSY}, the node agent's airlock; the weaker job is the one whose leases cleared
 * at the lower price per MiB ({@link #memoryStrength}). Power: before every physics step the node agents cap node
 * power so that no PDU passes its cap ({@link #onPhysicsStep}); a capped node runs slower. S_phys is built from allocation shares only, as schedulers do
 * not see the plant's power and temperatures. Jobs are endowed per job by the market instead of the governor's
 * energy-share mint (see {@link LedgerSlotMarket}).
 *
 * <p>Deterministic: every random draw comes from {@link SchedulerContext#random()}. Not thread-safe; one instance
 * serves one simulation.
 */
public final class TegScheduler implements Scheduler {

    /** The name on the command line and in reports. */
    public static final String NAME = "teg";
    /** Jobs decided per pass at most. */
    public static final int QUEUE_DEPTH = 100;
    /** Nodes sampled per epoch for the field at most. */
    public static final int MAX_FIELD_SAMPLES = 2048;
    /** Inducing points M of the field's sparse GP. */
    public static final int INDUCING_POINTS = 16;
    /** Time constant τ of the auction-heat smoothing, seconds. */
    public static final double HEAT_TIME_CONSTANT_S = 300;
    /** A full field fit (with hyperparameter search) at least every this many epochs. */
    public static final int FULL_REFIT_EPOCHS = 60;
    /** κ of the B_z proxy (see {@link SnapshotLandscape}). */
    public static final double MAGNETIC_SCALE = 1.0;
    /** The ledgers' base reserve rate, µtokens per unit-second. */
    public static final long BASE_MICROS_PER_UNIT_SECOND = 1_000;
    /** Every job bids this multiple of the base rate, µtokens per unit-second. */
    public static final long CEILING_MULTIPLE = 16;
    /** Holding tax per unit of γ, µtokens per idle unit-second. */
    public static final long TAX_MICROS_PER_GAMMA = 100;
    /** Subsidy per unit of −γ, µtokens minted per epoch to the account at the head of the queue. */
    public static final long SUBSIDY_MICROS_PER_GAMMA = 1_000_000;

    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(TegScheduler.class);
    private static final int DAMPING_STEPS_PER_UNIT = 8;

    /** Priority descending, then submit time, then job index. */
    static final Comparator<SimJob> QUEUE_ORDER = (a, b) -> {
        int c = Integer.compare(b.request().priority(), a.request().priority());
        if (c != 0) return c;
        c = Long.compare(a.submitS(), b.submitS());
        return c != 0 ? c : Integer.compare(a.index(), b.index());
    };

    private final AgentParameters agentParameters;
    private final GovernorParameters governorParameters;
    private final TreeSet<SimJob> queue = new TreeSet<>(QUEUE_ORDER);
    private final Map<Integer, Long> failedAtRelease = new HashMap<>();
    private final List<PlacementFailure> dropped = new ArrayList<>();

    private ClusterView view;
    private RandomGenerator random;
    private ClusterFeasibility feasibility;
    private LedgerSlotMarket market;
    private FieldProjection projection;
    private GovernorEpoch governor;
    private NodePowerCaps powerCaps;
    private PlacementEngine[] engines;
    private int dampingLevel;
    private long releases;
    private long nextEpochS = Long.MIN_VALUE;
    private long lastEpochS = -1;
    private long lastProjectionS = -1;
    private long wakeAskedS = Long.MIN_VALUE;
    private boolean fieldStale = true;
    private long started;

    /** With {@link AgentParameters#defaults()} and {@link GovernorParameters#defaults()}. */
    public TegScheduler() {
        this(AgentParameters.defaults(), GovernorParameters.defaults());
    }

    public TegScheduler(AgentParameters agentParameters, GovernorParameters governorParameters) {
        this.agentParameters = agentParameters;
        this.governorParameters = governorParameters;
        this.dampingLevel = level(agentParameters.damping());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MemoryLimitPolicy memoryLimits() {
        return MemoryLimitPolicy.GLASSY;
    }

    /** The price the job's leases cleared at, per MiB: µtokens paid / (time limit × MiB held), as tokens. */
    @Override
    public double memoryStrength(SimJob job) {
        return market == null ? 0.0 : market.pricePerMiBSecond(job.index());
    }

    @Override
    public void onSubmit(SimJob job, SchedulerContext ctx) {
        queue.add(job);
    }

    @Override
    public void onJobEnd(SimJob job, int[] taskNodes, SchedulerContext ctx) {
        init(ctx);
        market.at(ctx.nowS());
        market.release(job.index());
        feasibility.given(job.task(), taskNodes);
        releases++;
    }

    @Override
    public void onEvicted(SimJob job, SchedulerContext ctx) {
        queue.add(job);
    }

    /** The node agents cap node power so that every rack, row and zone PDU stays under its cap ({@link NodePowerCaps}). */
    @Override
    public void onPhysicsStep(SchedulerContext ctx) {
        if (powerCaps == null) powerCaps = new NodePowerCaps(ctx.topology(), ctx.plant());
        powerCaps.apply(ctx.plant());
    }

    /** Node-steps in which a busy node ran under a power cap. */
    public long cappedNodeSteps() {
        return powerCaps == null ? 0 : powerCaps.cappedNodeSteps();
    }

    @Override
    public void schedule(SchedulerContext ctx) {
        init(ctx);
        long now = ctx.nowS();
        market.at(now);
        governor.account(now, view);
        if (now >= nextEpochS) epoch(now);
        int decided = 0;
        for (Iterator<SimJob> it = queue.iterator(); it.hasNext() && decided < QUEUE_DEPTH; ) {
            SimJob job = it.next();
            Long failedAt = failedAtRelease.get(job.index());
            if (failedAt != null && failedAt == releases) continue;
            decided++;
            if (fieldStale) project(now);
            PlacementEngine engine = engines();
            Placement p = ctx.decide(job, () -> {
                Placement r = engine.place(job.request());
                if (r instanceof PlacementResult ok) {
                    // filed before the start: the simulator may end the job inside it (an OOM kill at start)
                    market.assign(job.index());
                    if (!ctx.start(job, ok.taskNodes())) {
                        market.release(job.index());
                        return null;
                    }
                }
                return r;
            });
            if (p instanceof PlacementResult ok) {
                it.remove();
                failedAtRelease.remove(job.index());
                feasibility.taken(job.task(), ok.taskNodes());
                governor.placed(ok.agent().mass());
                started++;
            } else if (p instanceof PlacementFailure f && f.never()) {
                it.remove();
                failedAtRelease.remove(job.index());
                dropped.add(f);
                LOG.warn("teg: job {} (trace line {}) dropped, no node could ever hold it: {}",
                        job.request().jobId(), job.sourceLine(), f.message());
            } else {
                failedAtRelease.put(job.index(), releases);
            }
        }
        governor.account(now, view);
        if (!queue.isEmpty() && wakeAskedS != nextEpochS) {
            ctx.wakeAt(nextEpochS);
            wakeAskedS = nextEpochS;
        }
    }

    /** Jobs dropped because no node could ever hold them, with why, in the order they were dropped. */
    public List<PlacementFailure> droppedJobs() {
        return List.copyOf(dropped);
    }

    /** Jobs started so far. */
    public long startedJobs() {
        return started;
    }

    /** Jobs waiting now. */
    public int queuedJobs() {
        return queue.size();
    }

    /** Each zone ledger's token audit (null for a zone without nodes); empty before the first call. */
    public List<Audit> audits() {
        if (market == null) return List.of();
        List<Audit> out = new ArrayList<>();
        for (Audit a : market.audits()) out.add(a);
        return out;
    }

    /** True when every zone ledger's books balance exactly (minted − burned = Σ balances + Σ escrowed). */
    public boolean ledgersBalanced() {
        return market == null || market.balanced();
    }

    /** Leases open in the zone ledgers now (one per job and node while jobs run). */
    public int openLeases() {
        return market == null ? 0 : market.openLeases();
    }

    /** Orders the zone ledgers filled since the start. */
    public long filledOrders() {
        return market == null ? 0 : market.filledOrders();
    }

    /** The governor's latest decision, or null before the first epoch. */
    public GovernorDecision lastDecision() {
        return governor == null ? null : governor.last();
    }

    /** Governor epochs run so far. */
    public long epochs() {
        return governor == null ? 0 : governor.epochs();
    }

    /** The agents' damping now, Φ·s/m² (max(0, γ), quantised to 1/8). */
    public double damping() {
        return (double) dampingLevel / DAMPING_STEPS_PER_UNIT;
    }

    private void init(SchedulerContext ctx) {
        if (view != null) return;
        view = ctx.cluster();
        random = ctx.random();
        feasibility = new ClusterFeasibility(view, ctx.topology());
        market = new LedgerSlotMarket(ctx.topology(), feasibility, BASE_MICROS_PER_UNIT_SECOND, CEILING_MULTIPLE);
        projection = new FieldProjection(ctx.topology(), MAX_FIELD_SAMPLES, ctx.random(), INDUCING_POINTS,
                HEAT_TIME_CONSTANT_S, FULL_REFIT_EPOCHS);
        governor = new GovernorEpoch(governorParameters, agentParameters.restMass());
        engines = new PlacementEngine[maxLevel() + 1];
    }

    private void project(long now) {
        double interval = lastProjectionS < 0 ? governor.epochSeconds() : Math.max(1, now - lastProjectionS);
        projection.project(governor.epochs(), interval, view, market::bidsNaming);
        lastProjectionS = now;
        fieldStale = false;
    }

    private void epoch(long now) {
        double interval = lastEpochS < 0 ? governor.epochSeconds() : Math.max(1, now - lastEpochS);
        fieldStale = true;
        GovernorDecision d = governor.close(interval, market.rejectedOrders(), queue.size(), view);
        double gamma = d.gamma();
        dampingLevel = level(Math.max(0, gamma));
        market.epoch(Math.round(Math.max(0, gamma) * TAX_MICROS_PER_GAMMA));
        if (gamma < 0 && !queue.isEmpty()) market.subsidise(queue.first().request().account(),
                Math.round(-gamma * SUBSIDY_MICROS_PER_GAMMA));
        lastEpochS = now;
        nextEpochS = now + Math.max(1, Math.round(governor.epochSeconds()));
    }

    private PlacementEngine engines() {
        PlacementEngine e = engines[dampingLevel];
        if (e == null) {
            AgentParameters p = agentParameters.withDamping(damping());
            e = new PlacementEngine(projection.topology(), feasibility, market,
                    dt -> new SnapshotLandscape(projection.potential(), projection.heat(), dt, MAGNETIC_SCALE),
                    this::terms, p, random);
            engines[dampingLevel] = e;
        }
        return e;
    }

    private JobTerms terms(JobRequest job) {
        long need = Math.max(JobTerms.MICRO_PER_TOKEN, market.needMicros(job));
        return new JobTerms(need, need, 1.0, 0.0);
    }

    private int maxLevel() {
        return (int) Math.ceil(Math.max(governorParameters.gammaMax(), agentParameters.damping()) * DAMPING_STEPS_PER_UNIT);
    }

    private int level(double damping) {
        int l = (int) Math.round(damping * DAMPING_STEPS_PER_UNIT);
        return engines == null ? l : Math.min(l, engines.length - 1);
    }
}
