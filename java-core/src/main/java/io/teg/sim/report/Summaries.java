package io.teg.sim.report;

import io.teg.sim.metrics.SchedulerSummary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The scheduler list every report takes: at least one summary, names distinct, order kept. */
final class Summaries {

    private Summaries() {
    }

    /**
     * An unmodifiable copy of {@code summaries}, in the given order.
     *
     * @throws IllegalArgumentException when it is empty or names a scheduler twice
     */
    static List<SchedulerSummary> checked(List<SchedulerSummary> summaries) {
        if (summaries.isEmpty()) throw new IllegalArgumentException("a report needs at least one scheduler");
        Set<String> seen = new HashSet<>();
        for (SchedulerSummary s : summaries) {
            if (!seen.add(s.scheduler())) throw new IllegalArgumentException("scheduler " + s.scheduler() + " given twice");
        }
        return List.copyOf(summaries);
    }
}
