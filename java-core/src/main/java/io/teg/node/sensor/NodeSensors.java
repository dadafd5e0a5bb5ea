package io.teg.node.sensor;

import io.teg.node.gpu.GpuControl;
import io.teg.node.gpu.GpuException;
import io.teg.node.gpu.GpuReading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the node's sensors: thermal zones ({@code <thermal>/thermal_zone*}/temp, m°C), RAPL
 * ({@code <powercap>/intel-rapl:N/energy_uj}, top-level domains only), {@code /proc/meminfo}, PSI
 * ({@code /proc/pressure/memory}) and, when present, the GPUs. The files are found once at construction; a source
 * that is missing then is reported by {@link #missing()} (the agent says it once) and skipped afterwards. Sensor
 * files stay open and are re-read from offset 0 into one reused buffer. Not thread-safe: one sampler thread.
 */
public final class NodeSensors {

    private final List<Path> thermal;
    private final List<Path> rapl;
    private final Path meminfo;
    private final Path psi;
    private final Optional<GpuControl> gpus;
    private final InstantSource clock;
    private final List<String> missing = new ArrayList<>();

    public NodeSensors(Path thermalRoot, Path powercapRoot, Path meminfo, Path psi, Optional<GpuControl> gpus,
                       InstantSource clock) {
        this.thermal = list(thermalRoot, "thermal_zone", "temp");
        this.rapl = list(powercapRoot, "intel-rapl:", "energy_uj").stream()
                .filter(p -> p.getParent().getFileName().toString().matches("intel-rapl:\\d+")).toList();
        this.meminfo = Files.isReadable(meminfo) ? meminfo : null;
        this.psi = Files.isReadable(psi) ? psi : null;
        this.gpus = gpus;
        this.clock = clock;
        if (thermal.isEmpty()) missing.add("thermal zones: none under " + thermalRoot);
        if (rapl.isEmpty()) missing.add("RAPL: no intel-rapl domains under " + powercapRoot);
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

    /** One line per source that is absent on this node. */
    public List<String> missing() {
        return List.copyOf(missing);
    }

    public NodeSample sample() {
        List<Long> temps = new ArrayList<>(thermal.size());
        for (Path p : thermal) temps.add(readLong(p));
        List<Long> energy = new ArrayList<>(rapl.size());
        for (Path p : rapl) energy.add(readLong(p));
        long total = -1;
        long avail = -1;
        if (meminfo != null) {
            String text = read(meminfo);
            total = kib(text, "MemTotal:");
            avail = kib(text, "MemAvailable:");
        }
        double psiAvg10 = -1;
        if (psi != null) {
            String text = read(psi);
            int i = text.indexOf("some avg10=");
            if (i >= 0) {
                int end = text.indexOf(' ', i + 11);
                psiAvg10 = Double.parseDouble(text.substring(i + 11, end < 0 ? text.length() : end));
            }
        }
        List<GpuReading> readings = List.of();
        if (gpus.isPresent()) {
            GpuControl g = gpus.get();
            readings = new ArrayList<>(g.count());
            for (int i = 0; i < g.count(); i++) {
                try {
                    readings.add(g.read(i));
                } catch (GpuException e) {
                    readings.add(new GpuReading(i, -1, -1, -1, -1));
                }
            }
        }
        return new NodeSample(clock.instant(), temps, energy, total, avail, psiAvg10, readings);
    }

    /** Open channels, one per sensor file, re-read from offset 0 (pread) into one reused buffer. */
    private final java.util.Map<Path, java.nio.channels.FileChannel> open = new java.util.HashMap<>();
    private final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8192);

    private String read(Path p) {
        try {
            java.nio.channels.FileChannel ch = open.get(p);
            if (ch == null) {
                ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.READ);
                open.put(p, ch);
            }
            buffer.clear();
            long pos = 0;
            int n;
            while (buffer.hasRemaining() && (n = ch.read(buffer, pos)) > 0) pos += n;
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            java.nio.channels.FileChannel ch = open.remove(p);
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a broken channel
                }
            }
            return "";
        }
    }

    private long readLong(Path p) {
        String s = read(p).trim();
        try {
            return s.isEmpty() ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long kib(String meminfo, String key) {
        int i = meminfo.indexOf(key);
        if (i < 0) return -1;
        int j = i + key.length();
        while (j < meminfo.length() && meminfo.charAt(j) == ' ') j++;
        int k = j;
        while (k < meminfo.length() && Character.isDigit(meminfo.charAt(k))) k++;
        return k > j ? Long.parseLong(meminfo.substring(j, k)) : -1;
    }
}
