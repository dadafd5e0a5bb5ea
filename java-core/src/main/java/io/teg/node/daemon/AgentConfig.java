package io.teg.node.daemon;

import io.teg.node.airlock.AirlockParameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node agent's settings, read from a key=value file ({@code teg-agent.conf}; '#' starts a comment, blank lines
 * are ignored, every key at most once). Units are in the key names. An unknown key, a repeated key or a bad value
 * fails at start-up with file:line, the key and the reason. Every key and its default is listed in
 * docs/node-agent.md.
 *
 * @param sampleRateHz          sensor samples per second (default 10)
 * @param batchSamples          samples per micro-batch sent to the telemetry sink (default 10)
 * @param controlIntervalMillis period of the cgroup/airlock/power loop, ms (default 100)
 * @param ownCgroupRoot         where the agent makes job cgroups when Slurm's hierarchy has none (default "teg")
 * @param memoryCapacityMiB     C_max for jobs, MiB; empty: MemTotal from /proc/meminfo
 * @param airlock               reserve and glassy-state fractions, evacuation timeout
 * @param zramAllowed           whether the agent may set up zram swap and push frozen jobs' pages to it (default false)
 * @param requeue               "slurm" (scontrol requeue) or "record" (kill, requeue recorded in the log)
 * @param scontrol              the scontrol binary (default "scontrol")
 * @param checkpointCommand     argv of a checkpoint command ({job}, {cgroup} replaced); empty: none
 * @param nvmlEnabled           whether to use NVML at all (default true)
 * @param nvmlLibrary           the NVML library: a path or a name for the dynamic linker (default libnvidia-ml.so.1)
 * @param powerDryRun           compute and log power caps but never set them (default false)
 * @param powerStateFile        where original power limits are kept (default /var/lib/teg/power-limits.state)
 * @param powerMaxStepWatts     largest change of one GPU's cap per control tick, W (default 25)
 * @param powerNodeBudgetWatts  the node's GPU budget until the governor sends one, W; 0: caps left alone (default 0)
 * @param thermalRoot           /sys/class/thermal
 * @param powercapRoot          /sys/class/powercap
 * @param meminfo               /proc/meminfo
 * @param psiMemory             /proc/pressure/memory
 * @param zram                  the zram swap the agent sets up when {@code zramAllowed} (device, size, algorithm,
 *                              swap priority)
 */
public record AgentConfig(double sampleRateHz, int batchSamples, long controlIntervalMillis, String ownCgroupRoot,
                          Optional<Long> memoryCapacityMiB, AirlockParameters airlock, boolean zramAllowed,
                          String requeue, String scontrol, List<String> checkpointCommand, boolean nvmlEnabled,
                          String nvmlLibrary, boolean powerDryRun, Path powerStateFile, long powerMaxStepWatts,
                          long powerNodeBudgetWatts, Path thermalRoot, Path powercapRoot, Path meminfo, Path psiMemory,
                          io.teg.node.memory.ZramSettings zram) {

    /** A config problem: file:line, key and reason. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The defaults (no file). */
    public static AgentConfig defaults() {
        return parse(Map.<String, String>of(), Path.of("(defaults)"), Map.<String, Integer>of());
    }

    /** Reads and validates a config file. */
    public static AgentConfig load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new Invalid(file + ": cannot read: " + e.getMessage());
        }
        return parse(lines, file);
    }

    /** Parses config lines; {@code file} only names the source in errors. */
    public static AgentConfig parse(List<String> lines, Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int eq = l.indexOf('=');
            if (eq <= 0) throw new Invalid(file + ":" + (i + 1) + ": expected key=value, got '" + l + "'");
            String key = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip();
            if (!KEYS.contains(key)) throw new Invalid(file + ":" + (i + 1) + ": " + key + ": unknown key (known: " + String.join(", ", KEYS) + ")");
            if (values.containsKey(key)) throw new Invalid(file + ":" + (i + 1) + ": " + key + ": set twice (first at line " + lineOf.get(key) + ")");
            values.put(key, value);
            lineOf.put(key, i + 1);
        }
        return parse(values, file, lineOf);
    }

    private static final List<String> KEYS = List.of("sample-rate-hz", "batch-samples", "control-interval-ms",
            "cgroup.own-root", "memory.capacity-mib", "airlock.reserve-fraction", "airlock.glassy-enter-fraction",
            "airlock.glassy-exit-fraction", "airlock.evacuation-timeout-s", "zram.allowed", "zram.device", "zram.size-mib",
            "zram.algorithm", "zram.priority", "evacuation.requeue",
            "evacuation.scontrol", "evacuation.checkpoint-command", "nvml.enabled", "nvml.library", "power.dry-run",
            "power.state-file", "power.max-step-watts", "power.node-budget-watts", "sensors.thermal-root",
            "sensors.powercap-root", "sensors.meminfo", "sensors.psi-memory");

    private static AgentConfig parse(Map<String, String> v, Path file, Map<String, Integer> lineOf) {
        Reader r = new Reader(v, file, lineOf);
        double rate = r.dbl("sample-rate-hz", 10, 0.1, 1000);
        int batch = (int) r.lng("batch-samples", 10, 1, 100_000);
        long control = r.lng("control-interval-ms", 100, 1, 60_000);
        String own = r.str("cgroup.own-root", "teg");
        try {
            new io.teg.node.cgroup.CgroupPath(own);
        } catch (IllegalArgumentException e) {
            throw r.bad("cgroup.own-root", e.getMessage());
        }
        Optional<Long> cap = v.containsKey("memory.capacity-mib") ? Optional.of(r.lng("memory.capacity-mib", 0, 1, 1L << 40)) : Optional.empty();
        AirlockParameters airlock;
        double reserve = r.dbl("airlock.reserve-fraction", 0.05, 0, 0.4999);
        double enter = r.dbl("airlock.glassy-enter-fraction", 0.90, 0, 1);
        double exit = r.dbl("airlock.glassy-exit-fraction", 0.80, 0, 1);
        long timeout = r.lng("airlock.evacuation-timeout-s", 300, 1, 86_400);
        try {
            airlock = new AirlockParameters(reserve, enter, exit, Duration.ofSeconds(timeout));
        } catch (IllegalArgumentException e) {
            throw r.bad("airlock.glassy-exit-fraction", e.getMessage());
        }
        boolean zram = r.bool("zram.allowed", false);
        io.teg.node.memory.ZramSettings zd = io.teg.node.memory.ZramSettings.DEFAULTS;
        String zramDevice = r.str("zram.device", zd.device());
        long zramMiB = r.lng("zram.size-mib", zd.sizeBytes() >> 20, 1, 1L << 24);
        String zramAlgorithm = r.str("zram.algorithm", zd.algorithm());
        int zramPriority = (int) r.lng("zram.priority", zd.priority(), -1, 32767);
        io.teg.node.memory.ZramSettings zramSettings;
        try {
            zramSettings = new io.teg.node.memory.ZramSettings(zramDevice, zramMiB << 20, zramAlgorithm, zramPriority);
        } catch (IllegalArgumentException e) {
            throw r.bad(e.getMessage().startsWith("must be zram") ? "zram.device" : "zram.algorithm", e.getMessage());
        }
        String requeue = r.str("evacuation.requeue", "slurm");
        if (!requeue.equals("slurm") && !requeue.equals("record")) throw r.bad("evacuation.requeue", "must be 'slurm' or 'record', got '" + requeue + "'");
        String scontrol = r.str("evacuation.scontrol", "scontrol");
        String ckpt = r.str("evacuation.checkpoint-command", "");
        List<String> ckptArgv = ckpt.isBlank() ? List.of() : List.of(ckpt.trim().split("\\s+"));
        boolean nvml = r.bool("nvml.enabled", true);
        String lib = r.str("nvml.library", "libnvidia-ml.so.1");
        boolean dry = r.bool("power.dry-run", false);
        Path state = Path.of(r.str("power.state-file", "/var/lib/teg/power-limits.state"));
        long step = r.lng("power.max-step-watts", 25, 1, 100_000);
        long budget = r.lng("power.node-budget-watts", 0, 0, 10_000_000);
        return new AgentConfig(rate, batch, control, own, cap, airlock, zram, requeue, scontrol, ckptArgv, nvml, lib,
                dry, state, step, budget, Path.of(r.str("sensors.thermal-root", "/sys/class/thermal")),
                Path.of(r.str("sensors.powercap-root", "/sys/class/powercap")),
                Path.of(r.str("sensors.meminfo", "/proc/meminfo")),
                Path.of(r.str("sensors.psi-memory", "/proc/pressure/memory")), zramSettings);
    }

    /** Typed reads with errors that name file:line and key. */
    private record Reader(Map<String, String> v, Path file, Map<String, Integer> lineOf) {
        Invalid bad(String key, String reason) {
            Integer line = lineOf.get(key);
            return new Invalid(file + (line == null ? "" : ":" + line) + ": " + key + ": " + reason);
        }

        String str(String key, String dflt) {
            String s = v.get(key);
            if (s == null) return dflt;
            if (s.isEmpty() && !key.equals("evacuation.checkpoint-command")) throw bad(key, "empty value");
            return s;
        }

        long lng(String key, long dflt, long min, long max) {
            String s = v.get(key);
            if (s == null) return dflt;
            long x;
            try {
                x = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw bad(key, "not an integer: '" + s + "'");
            }
            if (x < min || x > max) throw bad(key, x + " is outside [" + min + ", " + max + "]");
            return x;
        }

        double dbl(String key, double dflt, double min, double max) {
            String s = v.get(key);
            if (s == null) return dflt;
            double x;
            try {
                x = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw bad(key, "not a number: '" + s + "'");
            }
            if (!(x >= min && x <= max)) throw bad(key, s + " is outside [" + min + ", " + max + "]");
            return x;
        }

        boolean bool(String key, boolean dflt) {
            String s = v.get(key);
            if (s == null) return dflt;
            return switch (s) {
                case "true" -> true;
                case "false" -> false;
                default -> throw bad(key, "must be true or false, got '" + s + "'");
            };
        }
    }
}
