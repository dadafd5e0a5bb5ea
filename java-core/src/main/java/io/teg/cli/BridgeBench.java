package io.teg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code teg bench bridge}: what select/teg adds to a {@code job_test}, on the bridge alone, outside slurmctld.
 * Runs {@code teg_bridge_bench} (built by CMake from the plugin's own {@code teg_bridge.c}), which starts the JVM and
 * the engine as slurmctld does and asks job_test questions of a 64-node table, once per {@code HandOffPoll} value
 * given. Per question shape (one-node, four-node) the program reports three modes, timed on the C side:
 * {@code inline} (the upcall on the caller's thread: the engine's own cost, the baseline), {@code back-to-back}
 * (through the hand-off, the next question at once) and {@code paced} (through the hand-off, one question every
 * {@code gapMicros}: a scheduling loop that launches what it placed between questions). The report gives each
 * mode's percentiles and its p50 over the inline p50 of the same shape and run (the ratio), and the hand-off's added
 * p50 (mode p50 minus inline p50), in microseconds.
 */
final class BridgeBench {

    private BridgeBench() {
    }

    /**
     * @param nativeDir where CMake built the plugin (target/native)
     * @param jar teg.jar
     * @param out the folder for the decision logs
     * @param polls HandOffPoll values, milliseconds, one program run each
     * @param gapMicros the pace of the paced mode, microseconds
     * @param calls questions per mode
     */
    static Map<String, Object> run(Path nativeDir, Path jar, Path out, List<Double> polls, int gapMicros, int calls,
                                   Consumer<String> progress) throws IOException, InterruptedException {
        Path program = nativeDir.resolve("slurm-plugin-c/teg_bridge_bench");
        if (!Files.isExecutable(program))
            throw new BadInputException("--native: no " + program + " (built by cmake --build target/native with "
                    + "libslurmfull installed)");
        if (!Files.isRegularFile(jar)) throw new BadInputException("no teg.jar at " + jar + " (./teg builds it)");
        Files.createDirectories(out);
        ObjectMapper om = new ObjectMapper();
        List<Object> rows = new ArrayList<>();
        for (double poll : polls) {
            Path log = out.resolve("bridge-decisions-poll-" + poll + "ms.log");
            Files.deleteIfExists(log);
            progress.accept("HandOffPoll=" + poll + " ms: " + calls + " questions per mode, paced every " + gapMicros
                    + " µs");
            ProcessBuilder pb = new ProcessBuilder(program.toString(), jar.toAbsolutePath().toString(),
                    log.toAbsolutePath().toString(), Double.toString(poll), Integer.toString(gapMicros),
                    Integer.toString(calls), "64").redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(program + " did not end within 10 minutes");
            }
            if (p.exitValue() != 0)
                throw new IllegalStateException(program + " exited with " + p.exitValue() + " (its log: " + log + ")");
            Map<String, Double> inlineP50 = new LinkedHashMap<>();
            List<JsonNode> results = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.isBlank()) continue;
                JsonNode r = om.readTree(line);
                if (r.path("shape").asText().startsWith("warm-up")) continue;
                results.add(r);
                if (r.path("mode").asText().equals("inline"))
                    inlineP50.put(r.path("shape").asText(), r.path("p50_us").asDouble());
            }
            for (JsonNode r : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                r.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue()));
                double base = inlineP50.getOrDefault(r.path("shape").asText(), 0.0);
                double p50 = r.path("p50_us").asDouble();
                row.put("p50_ratio_to_inline", base == 0 ? 0 : p50 / base);
                row.put("handoff_added_p50_us", p50 - base);
                rows.add(row);
                progress.accept(String.format(java.util.Locale.ROOT,
                        "  %-9s %-12s p50 %8.1f µs  p99 %9.1f µs  answered %d/%d  (p50 / inline p50 = %.2f)",
                        r.path("shape").asText(), r.path("mode").asText(), p50, r.path("p99_us").asDouble(),
                        r.path("answered").asInt(), r.path("calls").asInt(), base == 0 ? 0 : p50 / base));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "bridge: job_test through teg_bridge.c outside slurmctld, 64 nodes; inline is the "
                + "baseline (the engine on the caller's thread), ratios are p50 over the inline p50 of the same run");
        report.put("target_added_p50_us", 10.0);
        report.put("results", rows);
        return report;
    }
}
