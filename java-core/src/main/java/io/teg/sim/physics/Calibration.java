package io.teg.sim.physics;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;

/**
 * The numbers of the machine-room model that come from measurements: node power from FAU's Meggie job trace, and
 * the thermal constants from one IPMI snapshot of Harvard's Cannon cluster. Immutable; made by {@link #load(Path)}
 * (or, for hand-made cases, by a constructor). How each number is derived, and its value for the bundled
 * files, is in {@code docs/model.md}.
 *
 * <p><b>Power (FAU Meggie).</b> Every job in the file uses whole nodes of 20 cores (two 10-core Intel Xeon
 * E5-2630 v4 per node, per the FAU/RRZE Meggie documentation). For job j with measured mean power per node W_j:
 * <ul>
 *   <li>{@code processorBusyW} = mean_j W_j, the power of a node running the mean job;</li>
 *   <li>{@code processorIdleW} = the {@value #IDLE_QUANTILE} quantile of W_j: a job cannot average less than its
 *       nodes' idle power, and the lowest jobs (a small mode at 25-45 W, apart from the bulk at 90-140 W) left their
 *       nodes idle;</li>
 *   <li>intensity I_j = max({@value #INTENSITY_FLOOR}, (W_j - idle) / (busy - idle)): the job's dynamic power
 *       relative to the mean job, so that a node running job j draws idle + (busy - idle) I_j = W_j exactly (mean
 *       I = 1). Jobs are drawn from this empirical distribution.</li>
 * </ul>
 * The values (mean 108 W, maximum 148 W) are below the two CPUs' combined TDP (2 x 85 W) plus memory, so they are
 * read as processor-and-memory power (as RAPL counters report it), not wall power. The rest of the node (fans,
 * board, disks, power-supply losses) is {@code nodeOverheadW}: the median over Cannon's CPU nodes of
 * Sys Power - CPU Power - Mem Power.
 *
 * <p><b>Thermal (Cannon IPMI).</b> Only air-cooled nodes count (nodes reporting an {@code Inlet Water Temp} are
 * liquid-cooled and their CPUs can be colder than the room air):
 * <ul>
 *   <li>{@code thermalResistanceKPerW} R = median over nodes of (max(CPU 1 Temp, CPU 2 Temp) - Ambient Temp) / CPU
 *       Power, over nodes with CPU Power &gt; 0 and a positive rise, K/W; {@code cpuReferencePowerW} is the
 *       {@value #REFERENCE_QUANTILE} quantile of CPU Power over the same nodes, the power at which a calibration node
 *       is taken to be at its nameplate;</li>
 *   <li>{@code heatCapacityRateWPerK} = median of Sys Power / (Exhaust Temp - Ambient Temp) over nodes whose exhaust
 *       is warmer than their inlet, W/K (air mass flow times c_p); {@code sysReferencePowerW} is the
 *       {@value #REFERENCE_QUANTILE} quantile of Sys Power over the same nodes;</li>
 *   <li>{@code resistanceFactors} f, the node-to-node spread of R: of the nodes R is the median over, those with
 *       CPU Power &ge; {@value #RESISTANCE_POWER_FLOOR_SHARE} x {@code cpuReferencePowerW} each give
 *       R_i = (max(CPU 1 Temp, CPU 2 Temp) - Ambient Temp) / CPU Power, and f_i = R_i / median(R_i), sorted
 *       ascending (dimensionless, median 1);</li>
 *   <li>{@code typicalInletC} = median Ambient Temp (the front-panel inlet sensor), &deg;C.</li>
 * </ul>
 * <p><i>Why the power floor.</i> R_i = rise / power is a ratio, and the model reads it as a resistance: a rise
 * proportional to power. At low power that reading fails: an idle CPU sits some kelvin above its inlet whatever its
 * power, and the sensors report whole degrees, so the ratio grows like 1 / P. In the bundled snapshot the 27 nodes
 * below a quarter of the reference CPU power (103.6 W) are a group apart from the bulk (the 5 % quantile of CPU
 * Power is 120 W), and their median R is 4.4 times that of the others. The plant uses f_i R as a resistance,
 * a rise proportional to power, so the factors come from the nodes where that reading holds.
 *
 * <p>Quantiles use linear interpolation between order statistics (Hyndman-Fan type 7), so the median of an even sample
 * is the mean of its two middle values.
 *
 * @param fauJobs number of FAU jobs the power figures come from
 * @param processorIdleW idle processor-and-memory power of a 20-core reference node, W
 * @param processorBusyW processor-and-memory power of a reference node running the mean job, W
 * @param intensities the empirical per-job intensities, sorted ascending (defensively copied), dimensionless
 * @param nodeOverheadW power of the rest of a reference node (fans, board, disks, PSU losses), W
 * @param overheadNodes number of IPMI nodes {@code nodeOverheadW} is the median over
 * @param thermalResistanceKPerW R, hottest CPU above inlet per watt of CPU power, K/W
 * @param cpuReferencePowerW CPU power of a calibration node at nameplate, W
 * @param resistanceNodes number of IPMI nodes R is the median over
 * @param resistanceFactors per-node R_i relative to their median, sorted ascending (defensively copied),
 *        dimensionless; each must be finite and &gt; 0, and their median (type 7) must be 1 within 1e-9
 * @param heatCapacityRateWPerK air heat capacity rate through a calibration node, W/K
 * @param sysReferencePowerW system power of a calibration node at nameplate, W
 * @param heatCapacityNodes number of IPMI nodes the heat capacity rate is the median over
 * @param typicalInletC median inlet temperature, &deg;C
 * @param inletNodes number of IPMI nodes {@code typicalInletC} is the median over
 */
public record Calibration(int fauJobs, double processorIdleW, double processorBusyW, double[] intensities,
                          double nodeOverheadW, int overheadNodes,
                          double thermalResistanceKPerW, double cpuReferencePowerW, int resistanceNodes,
                          double[] resistanceFactors,
                          double heatCapacityRateWPerK, double sysReferencePowerW, int heatCapacityNodes,
                          double typicalInletC, int inletNodes) {

    /** Cores per node of the reference node (FAU Meggie: two 10-core Xeon E5-2630 v4; FAU/RRZE documentation). */
    public static final int REFERENCE_CORES_PER_NODE = 20;
    /** Quantile of the FAU per-node power taken as idle power. */
    public static final double IDLE_QUANTILE = 0.005;
    /** Quantile of the IPMI power taken as a calibration node's nameplate power. */
    public static final double REFERENCE_QUANTILE = 0.95;
    /** Smallest intensity a job is given (a job always draws some dynamic power). */
    public static final double INTENSITY_FLOOR = 0.01;
    /**
     * Nodes enter the resistance factors only if their CPU Power is at least this share of
     * {@code cpuReferencePowerW} (dimensionless).
     */
    public static final double RESISTANCE_POWER_FLOOR_SHARE = 0.25;

    /** The FAU file, relative to the data directory. */
    public static final String FAU_FILE = "telemetry/fau-meggie-job-power.csv";
    /** The IPMI file, relative to the data directory. */
    public static final String IPMI_FILE = "telemetry/ipmi_2025-05-29_temp_power.csv.gz";

    public Calibration {
        if (fauJobs < 1) throw new IllegalArgumentException("fauJobs must be >= 1, got " + fauJobs);
        if (!(processorIdleW >= 0 && processorIdleW < processorBusyW))
            throw new IllegalArgumentException("need 0 <= processorIdleW < processorBusyW, got " + processorIdleW + " W and "
                    + processorBusyW + " W");
        if (intensities == null || intensities.length == 0)
            throw new IllegalArgumentException("intensities must not be empty");
        intensities = intensities.clone();
        Arrays.sort(intensities);
        if (!(intensities[0] > 0) || !Double.isFinite(intensities[intensities.length - 1]))
            throw new IllegalArgumentException("intensities must be finite and > 0, smallest is " + intensities[0]);
        if (!(nodeOverheadW >= 0)) throw new IllegalArgumentException("nodeOverheadW must be >= 0 W, got " + nodeOverheadW);
        if (!(thermalResistanceKPerW > 0))
            throw new IllegalArgumentException("thermalResistanceKPerW must be > 0 K/W, got " + thermalResistanceKPerW);
        if (!(cpuReferencePowerW > 0))
            throw new IllegalArgumentException("cpuReferencePowerW must be > 0 W, got " + cpuReferencePowerW);
        if (resistanceFactors == null || resistanceFactors.length == 0)
            throw new IllegalArgumentException("resistanceFactors must not be empty");
        resistanceFactors = resistanceFactors.clone();
        Arrays.sort(resistanceFactors);
        if (!(resistanceFactors[0] > 0) || !Double.isFinite(resistanceFactors[resistanceFactors.length - 1]))
            throw new IllegalArgumentException("resistanceFactors must be finite and > 0, smallest is "
                    + resistanceFactors[0] + ", largest " + resistanceFactors[resistanceFactors.length - 1]);
        double factorMedian = quantile(resistanceFactors, 0.5);
        if (!(Math.abs(factorMedian - 1) <= 1e-9))
            throw new IllegalArgumentException("resistanceFactors must have median 1, got " + factorMedian);
        if (!(heatCapacityRateWPerK > 0))
            throw new IllegalArgumentException("heatCapacityRateWPerK must be > 0 W/K, got " + heatCapacityRateWPerK);
        if (!(sysReferencePowerW > 0))
            throw new IllegalArgumentException("sysReferencePowerW must be > 0 W, got " + sysReferencePowerW);
        if (!Double.isFinite(typicalInletC)) throw new IllegalArgumentException("typicalInletC must be finite");
    }

    /**
     * A calibration without node-to-node spread of R: the resistance factors are the single value 1, so every node
     * gets R. For hand-made rooms; {@link #load(Path)} always measures the spread.
     */
    public Calibration(int fauJobs, double processorIdleW, double processorBusyW, double[] intensities,
                       double nodeOverheadW, int overheadNodes,
                       double thermalResistanceKPerW, double cpuReferencePowerW, int resistanceNodes,
                       double heatCapacityRateWPerK, double sysReferencePowerW, int heatCapacityNodes,
                       double typicalInletC, int inletNodes) {
        this(fauJobs, processorIdleW, processorBusyW, intensities, nodeOverheadW, overheadNodes,
                thermalResistanceKPerW, cpuReferencePowerW, resistanceNodes, new double[] {1.0},
                heatCapacityRateWPerK, sysReferencePowerW, heatCapacityNodes, typicalInletC, inletNodes);
    }

    /** The sorted intensities (a copy). */
    @Override
    public double[] intensities() {
        return intensities.clone();
    }

    /** Number of empirical intensities. */
    public int intensityCount() {
        return intensities.length;
    }

    /** The largest empirical intensity: a node at this intensity draws its nameplate power. */
    public double intensityMax() {
        return intensities[intensities.length - 1];
    }

    /** Mean of the empirical intensities (1 up to the floor at {@value #INTENSITY_FLOOR}). */
    public double intensityMean() {
        double s = 0;
        for (double v : intensities) s += v;
        return s / intensities.length;
    }

    /**
     * The empirical intensity distribution's inverse at {@code u}: the {@code floor(u n)}-th smallest of the n
     * intensities, so a uniform u in [0, 1) draws one of the FAU jobs with equal probability.
     */
    public double intensityAt(double u) {
        if (!(u >= 0 && u < 1)) throw new IllegalArgumentException("u must be in [0, 1), got " + u);
        return intensities[(int) (u * intensities.length)];
    }

    /** Draws one intensity from the empirical distribution. */
    public double drawIntensity(RandomGenerator random) {
        return intensities[random.nextInt(intensities.length)];
    }

    /** The sorted resistance factors (a copy), dimensionless. */
    @Override
    public double[] resistanceFactors() {
        return resistanceFactors.clone();
    }

    /** Number of resistance factors: the IPMI nodes they come from (1 for a calibration without spread). */
    public int resistanceFactorCount() {
        return resistanceFactors.length;
    }

    /**
     * The empirical resistance-factor distribution's inverse at {@code u}: the {@code floor(u n)}-th smallest of the
     * n factors (0-based), so a uniform u in [0, 1) draws each calibration node's factor with probability 1 / n.
     * Dimensionless.
     */
    public double resistanceFactorAt(double u) {
        if (!(u >= 0 && u < 1)) throw new IllegalArgumentException("u must be in [0, 1), got " + u);
        return resistanceFactors[(int) (u * resistanceFactors.length)];
    }

    /** Processor-and-memory power of the reference node at the highest intensity, W: idle + (busy - idle) I_max. */
    public double processorMaxW() {
        return processorIdleW + (processorBusyW - processorIdleW) * intensityMax();
    }

    /** Whole reference node (20 cores) when idle, W: processor idle + overhead. */
    public double referenceNodeIdleW() {
        return processorIdleW + nodeOverheadW;
    }

    /** Whole reference node running the mean job, W. */
    public double referenceNodeBusyW() {
        return processorBusyW + nodeOverheadW;
    }

    /** Whole reference node at nameplate (highest intensity), W. */
    public double referenceNodeMaxW() {
        return processorMaxW() + nodeOverheadW;
    }

    /**
     * Temperature rise of a node's hottest processor above its inlet at nameplate power, K:
     * R x {@code cpuReferencePowerW}. The plant gives a node this rise at its own nameplate (thermal similarity),
     * times the node's resistance factor (see {@link DataCenterPlant}).
     */
    public double dieRiseAtNameplateK() {
        return thermalResistanceKPerW * cpuReferencePowerW;
    }

    /** Exhaust air rise above inlet at nameplate power, K: {@code sysReferencePowerW / heatCapacityRateWPerK}. */
    public double exhaustRiseAtNameplateK() {
        return sysReferencePowerW / heatCapacityRateWPerK;
    }

    /** The data directory: the first {@code data/} folder holding the telemetry, from {@code start} upwards. */
    public static Optional<Path> findDataDir(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path data = dir.resolve("data");
            if (Files.isRegularFile(data.resolve(FAU_FILE)) && Files.isRegularFile(data.resolve(IPMI_FILE))) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }

    /**
     * Derives the calibration from {@code dataDir/}{@value #FAU_FILE} and {@code dataDir/}{@value #IPMI_FILE}.
     *
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when a file is malformed (the message names file and line) or holds too few
     *         usable records
     */
    public static Calibration load(Path dataDir) throws IOException {
        Path fau = dataDir.resolve(FAU_FILE);
        Path ipmi = dataDir.resolve(IPMI_FILE);
        double[] watts = readFau(fau);
        Map<String, Map<String, Double>> nodes = readIpmi(ipmi);
        return derive(watts, nodes, ipmi);
    }

    // ---- FAU ----

    /** Mean power per node of every job, W. Header lines (the header repeats where monthly files were joined) are skipped. */
    private static double[] readFau(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        double[] w = new double[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = line.split(",", -1);
            double watts;
            try {
                watts = Double.parseDouble(f[0].trim());
            } catch (NumberFormatException e) {
                continue; // a header line
            }
            if (f.length < 4 || !(watts > 0) || !Double.isFinite(watts))
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected power > 0 W and nodes, cores: " + line);
            w[n++] = watts;
        }
        if (n < 100) throw new IllegalArgumentException(file + ": only " + n + " jobs with power");
        return Arrays.copyOf(w, n);
    }

    // ---- IPMI ----

    /** node -> sensor -> value. Columns: ts,node,sensor,value,unit. */
    private static Map<String, Map<String, Double>> readIpmi(Path file) throws IOException {
        Map<String, Map<String, Double>> nodes = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (no == 1 && line.startsWith("ts,")) continue;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length != 5) throw new IllegalArgumentException(file + ":" + no + ": expected 5 columns: " + line);
                double v;
                try {
                    v = Double.parseDouble(f[3].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + no + ": value is not a number: " + line, e);
                }
                nodes.computeIfAbsent(f[1].trim(), k -> new HashMap<>()).put(f[2].trim(), v);
            }
        }
        return nodes;
    }

    private static Double cpuTemp(Map<String, Double> s, int socket) {
        Double t = s.get("CPU " + socket + " Temp");
        return t != null ? t : s.get("CPU" + socket + " Temp");
    }

    private static double quantile(double[] values, double p) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        if (values.length == 1) return values[0];
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, p * 100.0);
    }

    private static Calibration derive(double[] watts, Map<String, Map<String, Double>> nodes, Path ipmi) {
        DescriptiveStatistics fau = new DescriptiveStatistics(watts);
        double busy = fau.getMean();
        double idle = quantile(watts, IDLE_QUANTILE);
        double[] intensity = new double[watts.length];
        for (int i = 0; i < watts.length; i++) {
            intensity[i] = Math.max(INTENSITY_FLOOR, (watts[i] - idle) / (busy - idle));
        }

        List<Double> overhead = new ArrayList<>();
        List<Double> resistance = new ArrayList<>();
        List<Double> cpuPower = new ArrayList<>();
        List<Double> heatRate = new ArrayList<>();
        List<Double> sysPower = new ArrayList<>();
        List<Double> inlet = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> e : nodes.entrySet()) {
            Map<String, Double> s = e.getValue();
            double sys = s.getOrDefault("Sys Power", 0.0);
            double cpu = s.getOrDefault("CPU Power", 0.0);
            double mem = s.getOrDefault("Mem Power", 0.0);
            boolean gpuNode = s.containsKey("GPU Board Power") || e.getKey().toLowerCase(Locale.ROOT).contains("gpu");
            if (!gpuNode && sys > 0 && cpu > 0 && mem > 0) overhead.add(sys - cpu - mem);
            if (s.containsKey("Inlet Water Temp")) continue; // liquid-cooled: not an air-cooling sample
            Double ambient = s.get("Ambient Temp");
            if (ambient == null) continue;
            inlet.add(ambient);
            Double t1 = cpuTemp(s, 1);
            Double t2 = cpuTemp(s, 2);
            if (cpu > 0 && t1 != null && t2 != null) {
                double rise = Math.max(t1, t2) - ambient;
                if (rise > 0) {
                    resistance.add(rise / cpu);
                    cpuPower.add(cpu);
                }
            }
            Double exhaust = s.get("Exhaust Temp");
            if (sys > 0 && exhaust != null && exhaust - ambient > 0) {
                heatRate.add(sys / (exhaust - ambient));
                sysPower.add(sys);
            }
        }
        require(overhead, 10, "CPU nodes with Sys, CPU and Mem Power", ipmi);
        require(resistance, 10, "air-cooled nodes with CPU Power and CPU temperatures", ipmi);
        double cpuReference = quantile(toArray(cpuPower), REFERENCE_QUANTILE);
        double powerFloor = RESISTANCE_POWER_FLOOR_SHARE * cpuReference;
        List<Double> loaded = new ArrayList<>();
        for (int i = 0; i < resistance.size(); i++) {
            if (cpuPower.get(i) >= powerFloor) loaded.add(resistance.get(i));
        }
        require(loaded, 10, "air-cooled nodes with CPU Power >= " + powerFloor + " W", ipmi);
        double[] factors = toArray(loaded);
        double loadedMedian = quantile(factors, 0.5);
        for (int i = 0; i < factors.length; i++) factors[i] /= loadedMedian;
        require(heatRate, 5, "air-cooled nodes with an exhaust warmer than the inlet", ipmi);
        require(inlet, 10, "air-cooled nodes with an Ambient Temp", ipmi);
        return new Calibration(watts.length, idle, busy, intensity,
                quantile(toArray(overhead), 0.5), overhead.size(),
                quantile(toArray(resistance), 0.5), cpuReference, resistance.size(), factors,
                quantile(toArray(heatRate), 0.5), quantile(toArray(sysPower), REFERENCE_QUANTILE), heatRate.size(),
                quantile(toArray(inlet), 0.5), inlet.size());
    }

    private static void require(List<Double> values, int min, String what, Path file) {
        if (values.size() < min)
            throw new IllegalArgumentException(file + ": only " + values.size() + " " + what + ", need " + min);
    }

    private static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = values.get(i);
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && fauJobs == c.fauJobs && processorIdleW == c.processorIdleW
                && processorBusyW == c.processorBusyW && Arrays.equals(intensities, c.intensities)
                && nodeOverheadW == c.nodeOverheadW && overheadNodes == c.overheadNodes
                && thermalResistanceKPerW == c.thermalResistanceKPerW && cpuReferencePowerW == c.cpuReferencePowerW
                && resistanceNodes == c.resistanceNodes && Arrays.equals(resistanceFactors, c.resistanceFactors)
                && heatCapacityRateWPerK == c.heatCapacityRateWPerK
                && sysReferencePowerW == c.sysReferencePowerW && heatCapacityNodes == c.heatCapacityNodes
                && typicalInletC == c.typicalInletC && inletNodes == c.inletNodes;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(intensities) * 31 + Arrays.hashCode(resistanceFactors) * 7
                + Double.hashCode(processorBusyW) * 17 + Double.hashCode(thermalResistanceKPerW);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Calibration[fauJobs=%d, processorIdleW=%.2f, processorBusyW=%.2f, "
                        + "processorMaxW=%.2f, intensityMax=%.4f, nodeOverheadW=%.1f (n=%d), R=%.5f K/W (n=%d), "
                        + "R factor p5/p95/max=%.3f/%.3f/%.3f (n=%d), cpuReferencePowerW=%.1f, "
                        + "heatCapacityRate=%.2f W/K (n=%d), sysReferencePowerW=%.1f, "
                        + "typicalInletC=%.1f (n=%d)]",
                fauJobs, processorIdleW, processorBusyW, processorMaxW(), intensityMax(), nodeOverheadW, overheadNodes,
                thermalResistanceKPerW, resistanceNodes, quantile(resistanceFactors, 0.05),
                quantile(resistanceFactors, 0.95), resistanceFactors[resistanceFactors.length - 1],
                resistanceFactors.length, cpuReferencePowerW, heatCapacityRateWPerK, heatCapacityNodes,
                sysReferencePowerW, typicalInletC, inletNodes);
    }
}
