package io.teg.sim.experiment;

import io.teg.sim.Scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The schedulers `teg sim` knows, by name. Each call of {@link #create} gives a fresh instance: a scheduler holds
 * the state of one run.
 */
public final class SchedulerCatalog {

    private final Map<String, Supplier<Scheduler>> factories;

    public SchedulerCatalog(Map<String, Supplier<Scheduler>> factories) {
        this.factories = new LinkedHashMap<>(factories);
    }

    /** Every scheduler the simulator ships: the baselines, then TEG. */
    public static SchedulerCatalog standard() {
        Map<String, Supplier<Scheduler>> m = new LinkedHashMap<>();
        for (String name : io.teg.sim.baseline.Baselines.NAMES) m.put(name, () -> io.teg.sim.baseline.Baselines.create(name));
        m.put(io.teg.sim.teg.TegScheduler.NAME, io.teg.sim.teg.TegScheduler::new);
        return new SchedulerCatalog(m);
    }

    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /**
     * Expands a {@code --scheduler} value: a name, a comma-separated list, or {@code all}.
     *
     * @throws IllegalArgumentException naming the unknown scheduler and the valid ones
     */
    public List<String> resolve(String spec) {
        if (spec.equals("all")) return names();
        List<String> out = new java.util.ArrayList<>();
        for (String s : spec.split(",")) {
            String n = s.trim();
            if (!factories.containsKey(n))
                throw new IllegalArgumentException("--scheduler: unknown scheduler '" + n + "' (expected one of "
                        + String.join(", ", names()) + ", or all)");
            if (!out.contains(n)) out.add(n);
        }
        return out;
    }

    public Scheduler create(String name) {
        Supplier<Scheduler> f = factories.get(name);
        if (f == null) throw new IllegalArgumentException("--scheduler: unknown scheduler '" + name + "' (expected one of "
                + String.join(", ", names()) + ", or all)");
        return f.get();
    }
}
