package io.teg.bridge;

import io.teg.model.TaskShape;
import io.teg.model.Topology;

/**
 * Where the leases of the jobs that Slurm started are kept: the zone ledgers inside slurmctld
 * ({@link LocalZoneLedgers}) or the grid's ({@link GridZoneLedgers}). {@link SlurmPlacement} opens the leases of a job
 * on {@code job_begin} and settles them on {@code job_fini}, always with the ledgers that opened them. Every method is
 * called on the bridge thread and returns without waiting on a network round trip.
 */
interface ZoneLedgers extends AutoCloseable {

    /** A short name for the log: {@code local} or {@code grid}. */
    String name();

    /** True when new jobs may open their leases here now. */
    boolean available();

    /**
     * A new node table (start-up and every reconfiguration). The local ledgers are rebuilt empty, and the caller
     * opens the leases of the carried jobs again; the grid keeps its leases, and opening a job it holds is a no-op.
     */
    void nodeTable(Topology topology);

    /** Opens one lease per node: {@code perNode[i]} on topology node {@code topoNodes[i]}, paid by {@code account}. */
    void open(long jobId, String account, int[] topoNodes, TaskShape[] perNode);

    /** Settles every lease of {@code jobId}; a job it does not hold is ignored. */
    void settle(long jobId);

    /** Leases open now, as far as this side knows. */
    int openLeases();

    /** Leases the ledgers refused since start. */
    long rejects();

    @Override
    void close();
}
