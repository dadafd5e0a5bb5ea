package io.teg.node.memory;

import io.teg.node.evacuation.CommandRunner;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Compressed swap on a zram device, for the airlock to push frozen jobs' pages to. {@link #setUp} either finds the
 * device already active as swap (then it is used and left alone at exit) or, when the device is free
 * ({@code disksize} 0), configures it: {@code comp_algorithm}, {@code disksize}, {@code mkswap}, {@code swapon -p}.
 * Only a device the agent set up is taken down by {@link #tearDown()} ({@code swapoff}, then {@code reset}).
 *
 * <p>Anything that stops the set-up is a result, not an exception: {@link #active()} is false and {@link #detail()}
 * says what and where (the agent says it once as a degraded mode); a half-done set-up is reset.
 */
public final class ZramSwap {

    private static final Logger LOG = LogManager.getLogger(ZramSwap.class);

    private final ZramSettings settings;
    private final Path block;
    private final CommandRunner run;
    private final boolean active;
    private final boolean owned;
    private final String detail;
    private boolean tornDown;

    private ZramSwap(ZramSettings settings, Path block, CommandRunner run, boolean active, boolean owned, String detail) {
        this.settings = settings;
        this.block = block;
        this.run = run;
        this.active = active;
        this.owned = owned;
        this.detail = detail;
    }

    /**
     * @param sysBlock  {@code /sys/block}
     * @param procSwaps {@code /proc/swaps}
     * @param run       runs {@code mkswap}, {@code swapon} and {@code swapoff}
     */
    public static ZramSwap setUp(ZramSettings s, Path sysBlock, Path procSwaps, CommandRunner run) {
        String dev = "/dev/" + s.device();
        Path block = sysBlock.resolve(s.device());
        try {
            if (Files.isReadable(procSwaps) && Files.readAllLines(procSwaps).stream().anyMatch(l -> l.startsWith(dev + " "))) {
                return new ZramSwap(s, block, run, true, false, dev + " is already active swap; used as it is, left alone at exit");
            }
            if (!Files.isDirectory(block)) {
                return inactive(s, block, run, "no " + block + ": the zram module is not loaded (modprobe zram)");
            }
            long disksize = Long.parseLong(Files.readString(block.resolve("disksize")).trim());
            if (disksize != 0) {
                return inactive(s, block, run, dev + " is in use by someone else (disksize " + disksize + " bytes) and is not swap; left alone");
            }
            List<String> offered = Arrays.stream(Files.readString(block.resolve("comp_algorithm")).trim().split("\\s+"))
                    .map(a -> a.replace("[", "").replace("]", "")).toList();
            if (!offered.contains(s.algorithm())) {
                return inactive(s, block, run, "zram.algorithm: " + s.algorithm() + " is not offered by " + block.resolve("comp_algorithm") + " " + offered);
            }
        } catch (IOException | NumberFormatException e) {
            return inactive(s, block, run, "cannot read " + block + ": " + e.getMessage());
        }
        try {
            write(block.resolve("comp_algorithm"), s.algorithm());
            write(block.resolve("disksize"), Long.toString(s.sizeBytes()));
        } catch (IOException e) {
            reset(block);
            return inactive(s, block, run, "cannot configure " + block + ": " + e.getMessage());
        }
        for (List<String> argv : List.of(List.of("mkswap", dev), List.of("swapon", "-p", Integer.toString(s.priority()), dev))) {
            CommandRunner.Result r = run.run(argv);
            if (r.exitCode() != 0) {
                if (argv.getFirst().equals("swapon")) run.run(List.of("swapoff", dev));
                reset(block);
                return inactive(s, block, run, String.join(" ", argv) + " failed (exit " + r.exitCode() + "): " + r.output());
            }
        }
        LOG.info("zram: {} set up as swap, {} MiB, {}, priority {}", dev, s.sizeBytes() >> 20, s.algorithm(), s.priority());
        return new ZramSwap(s, block, run, true, true, dev + " set up by the agent: " + (s.sizeBytes() >> 20) + " MiB, "
                + s.algorithm() + ", priority " + s.priority());
    }

    private static ZramSwap inactive(ZramSettings s, Path block, CommandRunner run, String why) {
        return new ZramSwap(s, block, run, false, false, why);
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardOpenOption.WRITE);
    }

    private static void reset(Path block) {
        try {
            write(block.resolve("reset"), "1");
        } catch (IOException e) {
            LOG.warn("zram: cannot reset {}: {}", block, e.getMessage());
        }
    }

    /** Whether a zram swap device is active for frozen jobs' pages. */
    public boolean active() {
        return active;
    }

    /** Whether the agent set the device up (and so takes it down). */
    public boolean owned() {
        return owned;
    }

    /** What was done, or why zram is not in use. */
    public String detail() {
        return detail;
    }

    public ZramSettings settings() {
        return settings;
    }

    /**
     * Takes down a device the agent set up: {@code swapoff} (the kernel brings the pages still there back into
     * memory first) then {@code reset}. Does nothing for a device it found already active, and at most once.
     *
     * @return empty, or what went wrong
     */
    public synchronized java.util.Optional<String> tearDown() {
        if (!owned || tornDown) return java.util.Optional.empty();
        tornDown = true;
        String dev = "/dev/" + settings.device();
        CommandRunner.Result r = run.run(List.of("swapoff", dev));
        if (r.exitCode() != 0) {
            String why = "swapoff " + dev + " failed (exit " + r.exitCode() + "): " + r.output() + "; the device is left as swap";
            LOG.warn("zram: {}", why);
            return java.util.Optional.of(why);
        }
        reset(block);
        LOG.info("zram: {} taken down", dev);
        return java.util.Optional.empty();
    }
}
