package io.teg.bridge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision log read back, per job: the nodes TEG ranked last before the job's lease opened, and what slurmctld
 * reported it did with that ranking ({@code used}, {@code unfit}, {@code late}).
 */
record DecisionTrail(Map<Long, Started> started, int decisions, int declined) {

    /** A job that began: TEG's last ranking before it (empty if none), its outcome (null if none), its lease nodes. */
    record Started(List<String> ranked, String outcome, List<String> leased) {
    }

    static DecisionTrail of(List<String> lines) {
        Map<Long, List<String>> lastRanked = new HashMap<>();
        Map<Long, String> lastOutcome = new HashMap<>();
        Map<Long, Started> started = new HashMap<>();
        int decisions = 0;
        int declined = 0;
        for (String line : lines) {
            String kind = line.split(" ", 2)[0];
            Map<String, String> f = LocalSlurm.fields(line);
            switch (kind) {
                case "decision" -> {
                    decisions++;
                    long job = Long.parseLong(f.get("job"));
                    lastRanked.put(job, Arrays.asList(f.get("ranked").split(",")));
                    lastOutcome.remove(job);
                }
                case "declined" -> {
                    declined++;
                    long job = Long.parseLong(f.get("job"));
                    lastRanked.remove(job);
                    lastOutcome.remove(job);
                }
                case "outcome" -> lastOutcome.put(Long.parseLong(f.get("job")), line.substring(line.lastIndexOf(' ') + 1));
                case "lease" -> {
                    long job = Long.parseLong(f.get("job"));
                    started.put(job, new Started(lastRanked.getOrDefault(job, List.of()), lastOutcome.get(job),
                            Arrays.asList(f.get("nodes").split(","))));
                }
                default -> {
                }
            }
        }
        return new DecisionTrail(started, decisions, declined);
    }
}
