package io.teg.sim.baseline;

import io.teg.sim.Scheduler;

import java.util.List;

/**
 * Creates the baseline schedulers by name, each with its platform's defaults. Every call returns a new instance: a
 * scheduler keeps per-run state and serves one simulation.
 */
public final class Baselines {

    /** The valid names, in the order reports list them. */
    public static final List<String> NAMES = List.of("slurm", "k8s", "sparrow");

    private Baselines() {
    }

    /**
     * A new scheduler for {@code name}: {@code slurm} ({@link SlurmScheduler}), {@code k8s} ({@link KubeScheduler}) or
     * {@code sparrow} ({@link SparrowScheduler}).
     *
     * @throws IllegalArgumentException for any other name, listing the valid ones
     */
    public static Scheduler create(String name) {
        return switch (name == null ? "" : name) {
            case "slurm" -> new SlurmScheduler();
            case "k8s" -> new KubeScheduler();
            case "sparrow" -> new SparrowScheduler();
            default -> throw new IllegalArgumentException("unknown baseline scheduler '" + name + "'; valid names: "
                    + String.join(", ", NAMES));
        };
    }
}
