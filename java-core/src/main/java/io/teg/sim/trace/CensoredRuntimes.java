package io.teg.sim.trace;

import java.util.Locale;

/**
 * What to do with pods whose runtime the trace does not know because they were still running when it was collected
 * ({@code --censored}). In the Alibaba openb pod lists such a pod has a {@code scheduled_time} and the list's last
 * {@code deletion_time} (12,902,960 s in v2023): the collector stamped the end of the collection on every pod still
 * alive, so {@code deletion - scheduled} is only the age the pod had reached, a lower bound on its runtime
 * (right-censored). See docs/model.md, "Censored runtimes", for the choice of the default.
 *
 * <p>The donors of a censored pod are the pods of the same list with a known runtime (scheduled, and deleted before
 * the end) in the same GPU class: no GPU, a share of one GPU, one whole GPU, several GPUs.
 */
public enum CensoredRuntimes {
    /** The age is the runtime (a lower bound, taken as exact). */
    KEEP,
    /** Censored pods are left out of the workload (counted as skipped). */
    DROP,
    /** The runtime is the age, capped at the longest known runtime among the donors. */
    CAP,
    /**
     * The runtime is drawn uniformly from the donors' runtimes that are at least the age: the empirical distribution
     * of known runtimes conditioned on exceeding what was observed (the Kaplan-Meier conditional with the donors as
     * the uncensored sample). When no donor ran that long, the longest donor runtime, as {@link #CAP}: the
     * empirical distribution has no mass beyond its largest value, and the age alone would let one pod set the
     * makespan of a compressed trace. Draws use the trace options' seed.
     */
    RESAMPLE;

    /** The default: {@link #RESAMPLE}. */
    public static final CensoredRuntimes DEFAULT = RESAMPLE;

    /** The option's spelling: {@code keep}, {@code drop}, {@code cap} or {@code resample}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the option and the allowed values
     */
    public static CensoredRuntimes parse(String text) {
        for (CensoredRuntimes c : values()) if (c.option().equalsIgnoreCase(text.trim())) return c;
        throw new IllegalArgumentException("--censored: unknown value '" + text + "' (expected keep, drop, cap or resample)");
    }
}
