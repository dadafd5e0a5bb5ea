package io.teg.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEG's counters as select/teg logs them in slurmctld's log (at shutdown and at every reconfigure):
 * {@code select/teg: counters WHEN: job_test calls=N ranked=N declined=N fallbacks=N timeouts=N
 * events_dropped=N latency_us p50=X p99=Y samples=N}. The latency is timed on the C side, per {@code job_test} that called TEG.
 *
 * @param when          the occasion of the line ({@code at shutdown}, {@code at reconfigure})
 * @param calls         {@code job_test} calls that reached the bridge
 * @param ranked        calls where TEG ranked the nodes (its decisions)
 * @param declined      calls where TEG found no node for the job (also its decisions: the job waits)
 * @param fallbacks     calls placed by cons_tres alone (timeout, error, dead JVM)
 * @param timeouts      the fallbacks that were timeouts
 * @param eventsDropped job begin/end events not delivered to TEG
 * @param p50Us         median added latency per call, microseconds
 * @param p99Us         99th percentile, microseconds
 * @param samples       calls the percentiles are taken over
 * @param handOff       where an answered call's time goes (zeros in a line from a plugin that does not log it)
 */
public record TegDecisions(String when, long calls, long ranked, long declined, long fallbacks, long timeouts,
                           long eventsDropped, double p50Us, double p99Us, long samples, HandOff handOff) {

    /**
     * The parts of an answered {@code job_test}, medians in microseconds: {@code post} (entry to the question
     * posted: the bridge's lock and the copies), {@code pickup} (posted to taken by the bridge thread),
     * {@code work} (taken to answer stored: the upcall into the engine) and {@code take} (answer stored to the
     * caller back with it). Medians of parts do not add up to the median of the whole.
     *
     * @param slept answered calls whose caller had stopped polling and slept before the answer came
     */
    public record HandOff(double postP50Us, double pickupP50Us, double workP50Us, double takeP50Us, long slept) {
        /** A line without the split. */
        public static final HandOff UNKNOWN = new HandOff(0, 0, 0, 0, 0);

        /** The four medians as a report's fields: {@code teg_post_p50_us} ... {@code teg_take_p50_us}. */
        public Map<String, Object> medians() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("teg_post_p50_us", postP50Us);
            m.put("teg_pickup_p50_us", pickupP50Us);
            m.put("teg_work_p50_us", workP50Us);
            m.put("teg_take_p50_us", takeP50Us);
            return m;
        }
    }

    private static final Pattern LINE = Pattern.compile("select/teg: counters (.*?): (job_test .*)$");

    /**
     * The last counters line among {@code lines}, if any. The fields are read by name, so a line with more fields
     * (or in another order) still reads; a field that is missing reads as 0.
     */
    public static Optional<TegDecisions> lastIn(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.find()) continue;
            Map<String, String> f = new HashMap<>();
            for (String tok : m.group(2).split("\\s+")) {
                int eq = tok.indexOf('=');
                if (eq > 0) f.put(tok.substring(0, eq), tok.substring(eq + 1));
            }
            try {
                return Optional.of(new TegDecisions(m.group(1), count(f, "calls"), count(f, "ranked"),
                        count(f, "declined"), count(f, "fallbacks"), count(f, "timeouts"), count(f, "events_dropped"),
                        Double.parseDouble(f.getOrDefault("p50", "0")), Double.parseDouble(f.getOrDefault("p99", "0")),
                        count(f, "samples"), new HandOff(micros(f, "post_p50_us"), micros(f, "pickup_p50_us"),
                        micros(f, "work_p50_us"), micros(f, "take_p50_us"), count(f, "slept"))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("select/teg counters line " + (i + 1) + ": not a number: "
                        + e.getMessage() + " in '" + lines.get(i) + "'");
            }
        }
        return Optional.empty();
    }

    private static double micros(Map<String, String> f, String key) {
        return Double.parseDouble(f.getOrDefault(key, "0"));
    }

    private static long count(Map<String, String> f, String key) {
        return Long.parseLong(f.getOrDefault(key, "0"));
    }

    /** The last counters line of a slurmctld log. */
    public static Optional<TegDecisions> lastIn(Path controllerLog) {
        try {
            return Files.exists(controllerLog)
                    ? lastIn(Files.readAllLines(controllerLog, StandardCharsets.ISO_8859_1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** TEG's part of a run's summary. */
    public record Summary(SelectPlugin select, Optional<TegDecisions> counters) {
        public Map<String, Object> asSummary() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (select != SelectPlugin.TEG) {
                m.put("teg_decisions", "none: select/cons_tres ran (build select_teg.so for select/teg)");
                m.put("teg_fallbacks", "none");
            } else if (counters.isEmpty()) {
                m.put("teg_decisions", "unknown: no 'select/teg: counters' line in slurmctld's log");
                m.put("teg_fallbacks", "unknown");
            } else {
                TegDecisions c = counters.get();
                m.put("teg_decisions", c.ranked() + c.declined());
                m.put("teg_ranked", c.ranked());
                m.put("teg_declined", c.declined());
                m.put("teg_fallbacks", c.fallbacks());
                m.put("teg_timeouts", c.timeouts());
                m.put("teg_job_test_calls", c.calls());
                m.put("teg_latency_p50_us", c.p50Us());
                m.put("teg_latency_p99_us", c.p99Us());
                m.putAll(c.handOff().medians());
                m.put("teg_slept", c.handOff().slept());
            }
            return m;
        }
    }
}
