package io.teg.sim.trace;

import java.nio.file.Path;

/**
 * How to read a trace file.
 *
 * @param strict when true the first malformed line ends the read with a {@link TraceFormatException}
 *        ({@code file:line: reason}); when false malformed lines are counted and reported in
 *        {@link TraceDiagnostics} and the read goes on. Valid jobs that cannot be replayed (runtime 0, larger than
 *        the cluster) are skipped and counted in both modes, never fatal.
 * @param seed seed of the random draws a reader makes (the Alibaba reader's time templates for pods missing from
 *        the default pod list); the same file, options and seed always give the same trace
 * @param nodesFile the Alibaba node list ({@code --nodes-file}); null means {@code openb_node_list_all_node.csv}
 *        in the pod list's directory. Ignored for SWF, whose cluster comes from its header.
 * @param censored what the Alibaba reader does with runtimes cut off by the end of the collection
 *        ({@code --censored}); ignored for SWF, whose logs record finished jobs only
 */
public record TraceOptions(boolean strict, long seed, Path nodesFile, CensoredRuntimes censored) {

    public TraceOptions {
        if (censored == null) throw new IllegalArgumentException("censored must not be null");
    }

    /** The options with the default treatment of censored runtimes ({@link CensoredRuntimes#DEFAULT}). */
    public TraceOptions(boolean strict, long seed, Path nodesFile) {
        this(strict, seed, nodesFile, CensoredRuntimes.DEFAULT);
    }

    /** Seed used by {@link #defaults()}. */
    public static final long DEFAULT_SEED = 1L;

    /** Lenient, seed {@value #DEFAULT_SEED}, the default node list. */
    public static TraceOptions defaults() {
        return new TraceOptions(false, DEFAULT_SEED, null);
    }

    /** These options with {@code strict} replaced. */
    public TraceOptions withStrict(boolean newStrict) {
        return new TraceOptions(newStrict, seed, nodesFile, censored);
    }

    /** These options with {@code seed} replaced. */
    public TraceOptions withSeed(long newSeed) {
        return new TraceOptions(strict, newSeed, nodesFile, censored);
    }

    /** These options with the node list replaced (null for the default next to the pod list). */
    public TraceOptions withNodesFile(Path newNodesFile) {
        return new TraceOptions(strict, seed, newNodesFile, censored);
    }

    /** These options with the treatment of censored runtimes replaced. */
    public TraceOptions withCensored(CensoredRuntimes newCensored) {
        return new TraceOptions(strict, seed, nodesFile, newCensored);
    }
}
