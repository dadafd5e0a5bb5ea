package io.teg.node.gpu;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changes GPU power limits so that they can always be put back. Before the first change of a GPU, its original
 * enforced limit goes into a state file (written to a temporary file and moved into place, so a crash leaves
 * either the old or the new file). {@link #restoreAll()} (agent exit) and {@link #restore(int)} (job end) put the
 * originals back; {@link #open} finds a state file left by a crashed agent and restores it before anything else.
 *
 * <p>State file format, one GPU per line: {@code gpu.<index>.original-milliwatts=<mW>}; '#' starts a comment.
 * Requests outside the GPU's constraints are clamped, logged, and reported in the returned {@link CapChange}.
 */
public final class PowerLimitKeeper implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(PowerLimitKeeper.class);

    /** What a set did. {@code applied} differs from {@code requested} when clamped into the constraints. */
    public record CapChange(int index, long requested, long applied, long previous, boolean clamped) {
    }

    private final GpuControl gpus;
    private final Path stateFile;
    private final TreeMap<Integer, Long> originals = new TreeMap<>();
    private final List<Integer> recovered;

    private PowerLimitKeeper(GpuControl gpus, Path stateFile, List<Integer> recovered) {
        this.gpus = gpus;
        this.stateFile = stateFile;
        this.recovered = List.copyOf(recovered);
    }

    /**
     * Opens the keeper; when {@code stateFile} exists (a previous agent did not exit cleanly), restores the limits it
     * lists and deletes it.
     */
    public static PowerLimitKeeper open(GpuControl gpus, Path stateFile) {
        List<Integer> recovered = new ArrayList<>();
        if (Files.exists(stateFile)) {
            Map<Integer, Long> left = read(stateFile);
            for (var e : left.entrySet()) {
                if (e.getKey() >= gpus.count()) {
                    LOG.warn("state file {} names GPU {} but only {} present; skipped", stateFile, e.getKey(), gpus.count());
                    continue;
                }
                gpus.setLimitMilliwatts(e.getKey(), e.getValue());
                recovered.add(e.getKey());
            }
            LOG.warn("recovered power limits of GPUs {} from {} left by an agent that did not exit cleanly", recovered, stateFile);
            try {
                Files.delete(stateFile);
            } catch (IOException ex) {
                throw new UncheckedIOException("delete " + stateFile, ex);
            }
        }
        return new PowerLimitKeeper(gpus, stateFile, recovered);
    }

    /** GPUs whose limits were restored from a crashed agent's state file at {@link #open}. */
    public List<Integer> recovered() {
        return recovered;
    }

    /** Sets a GPU's limit, clamped into its constraints; saves the original first. */
    public synchronized CapChange set(int index, long milliwatts) {
        PowerConstraints c = gpus.constraints(index);
        long applied = c.clamp(milliwatts);
        long previous = gpus.enforcedLimitMilliwatts(index);
        if (applied != milliwatts) {
            LOG.info("GPU {}: power limit {} mW clamped to {} mW (constraints [{}, {}] mW)", index, milliwatts, applied,
                    c.minMilliwatts(), c.maxMilliwatts());
        }
        if (!originals.containsKey(index)) {
            originals.put(index, previous);
            write();
        }
        if (applied != previous) gpus.setLimitMilliwatts(index, applied);
        return new CapChange(index, milliwatts, applied, previous, applied != milliwatts);
    }

    /** Puts one GPU's original limit back (job end) and forgets it. */
    public synchronized void restore(int index) {
        Long original = originals.get(index);
        if (original == null) return;
        gpus.setLimitMilliwatts(index, original);
        originals.remove(index);
        write();
    }

    /** Puts every original limit back and deletes the state file. */
    public synchronized void restoreAll() {
        for (var e : originals.entrySet()) gpus.setLimitMilliwatts(e.getKey(), e.getValue());
        originals.clear();
        write();
    }

    /** The saved originals, GPU index -> mW. */
    public synchronized Map<Integer, Long> originals() {
        return Map.copyOf(originals);
    }

    @Override
    public void close() {
        restoreAll();
    }

    private void write() {
        try {
            if (originals.isEmpty()) {
                Files.deleteIfExists(stateFile);
                return;
            }
            StringBuilder sb = new StringBuilder("# original GPU power limits, restored by teg agent on exit or restart\n");
            for (var e : originals.entrySet()) sb.append("gpu.").append(e.getKey()).append(".original-milliwatts=").append(e.getValue()).append('\n');
            Path parent = stateFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, stateFile.getFileName().toString(), ".tmp");
            Files.writeString(tmp, sb);
            Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("write power limit state file " + stateFile, e);
        }
    }

    /** Reads a state file; a malformed line is an error naming file:line. */
    static Map<Integer, Long> read(Path file) {
        Map<Integer, Long> out = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("read power limit state file " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            var m = java.util.regex.Pattern.compile("gpu\\.(\\d+)\\.original-milliwatts=(\\d+)").matcher(l);
            if (!m.matches()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected gpu.<index>.original-milliwatts=<mW>, got '" + l + "'");
            }
            out.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        }
        return out;
    }
}
