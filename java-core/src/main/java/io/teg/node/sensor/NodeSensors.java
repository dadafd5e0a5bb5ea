package io.teg.node.sensor;

import io.teg.node.gpu.GpuControl;
import io.teg.node.gpu.GpuException;
import io.teg.node.gpu.GpuReading;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the node's sensors: thermal zones ({@code <thermal>/thermal_zone*}/temp, m°C), RAPL
 * ({@code <powercap>/intel-rapl:N/energy_uj}, top-level domains only), {@code /proc/meminfo}, PSI
 * ({@code /proc/pressure/memory}) and, when present, the GPUs. The files are found and opened once at construction;
 * a source that is missing then is reported by {@link #missing()} (the agent says it once) and skipped afterwards.
 *
 * <p>A sample is cheap by construction, because at 10 Hz the fixed cost of each wake-up dominates: every file stays
 * open and is re-read with one positional read ({@code pread} at offset 0, which makes procfs and sysfs regenerate
 * the text) into one reused direct buffer, and the numbers are parsed from the bytes in place, with no String,
 * regex or boxing on the way. What a sample allocates is only the {@link NodeSample} it returns. Not thread-safe:
 * one sampler thread.
 */
public final class NodeSensors implements AutoCloseable {

    private static final byte[] MEM_TOTAL = "MemTotal:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MEM_AVAILABLE = "MemAvailable:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SOME_AVG10 = "some avg10=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final FileChannel[] thermal;
    private final FileChannel[] rapl;
    private final FileChannel meminfo;
    private final FileChannel psi;
    private final Optional<GpuControl> gpus;
    private final InstantSource clock;
    private final List<String> missing = new ArrayList<>();
    /** meminfo is about 1.5 KiB; 8 KiB leaves room for kernels that add fields. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(8192);
    private final long[] thermalValues;
    private final long[] raplValues;
    /**
     * The kernel recomputes PSI's running averages every 2 s ({@code PSI_FREQ} in kernel/sched/psi.c), so PSI is
     * re-read only when that much time has passed; samples in between carry the last value.
     */
    static final long PSI_UPDATE_MILLIS = 2000;
    private long psiDueMillis = Long.MIN_VALUE;
    private double psiAvg10 = -1;

    public NodeSensors(Path thermalRoot, Path powercapRoot, Path meminfo, Path psi, Optional<GpuControl> gpus,
                       InstantSource clock) {
        this.thermal = openAll(list(thermalRoot, "thermal_zone", "temp"));
        this.rapl = openAll(list(powercapRoot, "intel-rapl:", "energy_uj").stream()
                .filter(p -> p.getParent().getFileName().toString().matches("intel-rapl:\\d+")).toList());
        this.meminfo = open(meminfo);
        this.psi = open(psi);
        this.gpus = gpus;
        this.clock = clock;
        this.thermalValues = new long[thermal.length];
        this.raplValues = new long[rapl.length];
        if (thermal.length == 0) missing.add("thermal zones: none under " + thermalRoot);
        if (rapl.length == 0) missing.add("RAPL: no intel-rapl domains under " + powercapRoot);
        if (this.meminfo == null) missing.add("meminfo: " + meminfo + " not readable");
        if (this.psi == null) missing.add("PSI: " + psi + " not readable");
        if (gpus.isEmpty()) missing.add("GPUs: NVML not available");
    }

    private static List<Path> list(Path root, String prefix, String file) {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).map(p -> p.resolve(file))
                    .filter(Files::isReadable).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static FileChannel[] openAll(List<Path> paths) {
        return paths.stream().map(NodeSensors::open).filter(c -> c != null).toArray(FileChannel[]::new);
    }

    private static FileChannel open(Path p) {
        try {
            return Files.isReadable(p) ? FileChannel.open(p, StandardOpenOption.READ) : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** One line per source that is absent on this node. */
    public List<String> missing() {
        return List.copyOf(missing);
    }

    public NodeSample sample() {
        for (int i = 0; i < thermal.length; i++) thermalValues[i] = read(thermal[i]) ? number(0) : -1;
        for (int i = 0; i < rapl.length; i++) raplValues[i] = read(rapl[i]) ? number(0) : -1;
        long total = -1;
        long avail = -1;
        if (meminfo != null && read(meminfo)) {
            total = valueAfter(MEM_TOTAL);
            avail = valueAfter(MEM_AVAILABLE);
        }
        java.time.Instant at = clock.instant();
        long now = at.toEpochMilli();
        if (psi != null && now >= psiDueMillis) {
            psiAvg10 = read(psi) ? hundredths(SOME_AVG10) / 100.0 : -1;
            psiDueMillis = now + PSI_UPDATE_MILLIS;
        }
        List<GpuReading> readings = List.of();
        if (gpus.isPresent()) {
            GpuControl g = gpus.get();
            int n = g.count();
            GpuReading[] r = new GpuReading[n];
            for (int i = 0; i < n; i++) {
                try {
                    r[i] = g.read(i);
                } catch (GpuException e) {
                    r[i] = new GpuReading(i, -1, -1, -1, -1);
                }
            }
            readings = Arrays.asList(r);
        }
        return new NodeSample(at, longs(thermalValues), longs(raplValues), total, avail, psiAvg10, readings);
    }

    private static List<Long> longs(long[] values) {
        if (values.length == 0) return List.of();
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) boxed[i] = values[i];
        return Arrays.asList(boxed);
    }

    /** Re-reads a file from offset 0 into {@link #buffer} (flipped); false when it cannot be read (value −1). */
    private boolean read(FileChannel ch) {
        buffer.clear();
        try {
            long pos = 0;
            int n;
            while (buffer.hasRemaining() && (n = ch.read(buffer, pos)) > 0) pos += n;
        } catch (IOException e) {
            return false;
        }
        buffer.flip();
        return buffer.hasRemaining();
    }

    /** The unsigned decimal at {@code from} after blanks, or −1 when none. */
    private long number(int from) {
        int i = from;
        int end = buffer.limit();
        while (i < end && buffer.get(i) == ' ') i++;
        long v = 0;
        int start = i;
        for (; i < end; i++) {
            int d = buffer.get(i) - '0';
            if (d < 0 || d > 9) break;
            v = v * 10 + d;
        }
        return i > start ? v : -1;
    }

    /** Index just after the first occurrence of {@code key} in the buffer, or −1. */
    private int after(byte[] key) {
        int end = buffer.limit() - key.length;
        outer:
        for (int i = 0; i <= end; i++) {
            for (int k = 0; k < key.length; k++) {
                if (buffer.get(i + k) != key[k]) continue outer;
            }
            return i + key.length;
        }
        return -1;
    }

    private long valueAfter(byte[] key) {
        int i = after(key);
        return i < 0 ? -1 : number(i);
    }

    /** A decimal with two places ("1.25", as PSI writes it) after {@code key}, in hundredths; −100 when absent. */
    private long hundredths(byte[] key) {
        int i = after(key);
        if (i < 0) return -100;
        long whole = number(i);
        if (whole < 0) return -100;
        while (i < buffer.limit() && buffer.get(i) != '.' && buffer.get(i) != ' ' && buffer.get(i) != '\n') i++;
        long frac = 0;
        if (i < buffer.limit() && buffer.get(i) == '.') {
            int digits = 0;
            for (i++; i < buffer.limit() && digits < 2; i++, digits++) {
                int d = buffer.get(i) - '0';
                if (d < 0 || d > 9) break;
                frac = frac * 10 + d;
            }
            if (digits == 1) frac *= 10;
        }
        return whole * 100 + frac;
    }

    /** Closes the sensor files. */
    @Override
    public void close() {
        List<FileChannel> all = new ArrayList<>(Arrays.asList(thermal));
        all.addAll(Arrays.asList(rapl));
        if (meminfo != null) all.add(meminfo);
        if (psi != null) all.add(psi);
        for (FileChannel c : all) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do about a failed close of a read-only file
            }
        }
    }
}
