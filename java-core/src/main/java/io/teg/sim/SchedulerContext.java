package io.teg.sim;

import io.teg.model.Topology;

import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What the simulator offers a {@link Scheduler} while it decides.
 */
public interface SchedulerContext {

    /** Simulated time, seconds since the start of the replay. */
    long nowS();

    ClusterView cluster();

    Topology topology();

    /** The scheduler's own seeded random source (replays identically for the same seed). */
    RandomGenerator random();

    /**
     * Makes one decision about {@code job} and measures it: the wall time spent in {@code decision} and the node
     * reads it made through {@link #cluster()} are recorded as one decision. Every scheduler routes each
     * placement attempt through here, so the metric is the same for all of them.
     */
    <R> R decide(SimJob job, Supplier<R> decision);

    /**
     * Binds task {@code task} of {@code job} to {@code node}, allocating its resources. When the last task of a
     * job is bound the job starts. Tasks bound while others are not yet bound hold their resources idle: a partial
     * allocation.
     *
     * @return false, changing nothing, when the task does not fit there now or is already bound
     */
    boolean bind(SimJob job, int task, int node);

    /**
     * Binds every task of {@code job} at once, task {@code i} on {@code nodes[i]}, or none of them.
     *
     * @return true when the job started
     */
    boolean start(SimJob job, int[] nodes);

    /** Number of tasks of {@code job} bound so far. */
    int boundTasks(SimJob job);

    /**
     * The machine room's power telemetry and node power caps, as node agents see them (RAPL, NVML, PDU caps).
     * Only for {@link Scheduler#onPhysicsStep}: a cap set elsewhere would not be seen by the physics in time.
     */
    io.teg.sim.physics.Plant plant();

    /** Asks for a {@link Scheduler#schedule} call at {@code timeS} even if nothing else happens then. */
    void wakeAt(long timeS);
}
