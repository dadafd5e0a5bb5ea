package io.teg.sim.physics;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    private static final Calibration CAL = BundledData.calibration();

    @Test
    void shouldDerivePlausibleNumbersWhenLoadingBundledTelemetry() {
        assertThat(CAL.fauJobs()).isEqualTo(22_759);
        // a two-socket 20-core Broadwell node: processor+memory power between idle and the 2 x 85 W TDP plus DRAM
        assertThat(CAL.processorBusyW()).isBetween(80.0, 150.0);
        assertThat(CAL.processorIdleW()).isBetween(20.0, 60.0);
        assertThat(CAL.processorMaxW()).isBetween(CAL.processorBusyW(), 200.0);
        assertThat(CAL.nodeOverheadW()).isBetween(20.0, 150.0);
        // heat sinks: a few hundredths of a kelvin per watt; servers: tens of W/K of air
        assertThat(CAL.thermalResistanceKPerW()).isBetween(0.01, 0.2);
        assertThat(CAL.heatCapacityRateWPerK()).isBetween(10.0, 200.0);
        assertThat(CAL.typicalInletC()).isBetween(15.0, 35.0);
        assertThat(CAL.dieRiseAtNameplateK()).isBetween(5.0, 60.0);
        assertThat(CAL.exhaustRiseAtNameplateK()).isBetween(5.0, 30.0);
        assertThat(CAL.intensityMean()).isCloseTo(1.0, within(0.01));
    }

    /** Values computed separately with a short Python script over the same files (type-7 quantiles). */
    @Test
    void shouldMatchValuesComputedOutsideJavaWhenLoadingBundledTelemetry() {
        assertThat(CAL.processorBusyW()).isCloseTo(108.4802671471, within(1e-9));
        assertThat(CAL.processorIdleW()).isCloseTo(39.7, within(1e-9));
        assertThat(CAL.processorMaxW()).isCloseTo(148.3, within(1e-9));
        assertThat(CAL.intensityMax()).isCloseTo(1.5789412357, within(1e-9));
        assertThat(CAL.nodeOverheadW()).isEqualTo(63.0);
        assertThat(CAL.overheadNodes()).isEqualTo(1355);
        assertThat(CAL.thermalResistanceKPerW()).isCloseTo(0.0642857143, within(1e-9));
        assertThat(CAL.resistanceNodes()).isEqualTo(1132);
        assertThat(CAL.cpuReferencePowerW()).isCloseTo(414.5, within(1e-9));
        assertThat(CAL.heatCapacityRateWPerK()).isCloseTo(37.8571428571, within(1e-9));
        assertThat(CAL.heatCapacityNodes()).isEqualTo(33);
        assertThat(CAL.sysReferencePowerW()).isCloseTo(650.0, within(1e-9));
        assertThat(CAL.typicalInletC()).isEqualTo(28.0);
        assertThat(CAL.inletNodes()).isEqualTo(1170);
    }

    @Test
    void shouldEqualAnIndependentRederivationWhenParsingTheFilesAnotherWay() throws IOException {
        Path data = BundledData.dataDir();
        // FAU: every line that starts with a number is a job; the number is its mean power per node
        Pattern job = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s*,");
        List<Double> watts = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve(Calibration.FAU_FILE))) {
            Matcher m = job.matcher(line);
            if (m.find()) watts.add(Double.valueOf(m.group(1)));
        }
        double[] w = watts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = Arrays.stream(w).sum() / w.length;
        double idle = type7(w, 0.005);
        assertThat(w.length).isEqualTo(CAL.fauJobs());
        assertThat(CAL.processorBusyW()).isCloseTo(mean, within(1e-9));
        assertThat(CAL.processorIdleW()).isCloseTo(idle, within(1e-12));
        double[] intensities = Arrays.stream(w).map(x -> Math.max(0.01, (x - idle) / (mean - idle))).toArray();
        assertThat(CAL.intensities()).containsExactly(intensities, within(1e-9));

        Map<String, Map<String, Double>> nodes = ipmiNodes(data);
        List<Double> res = new ArrayList<>();
        List<Double> cpuPower = new ArrayList<>();
        List<Double> heat = new ArrayList<>();
        List<Double> amb = new ArrayList<>();
        List<Double> over = new ArrayList<>();
        nodes.forEach((name, s) -> {
            boolean gpu = name.toLowerCase().contains("gpu") || s.containsKey("GPU Board Power");
            if (!gpu && s.getOrDefault("Sys Power", 0.0) > 0 && s.getOrDefault("CPU Power", 0.0) > 0
                    && s.getOrDefault("Mem Power", 0.0) > 0) {
                over.add(s.get("Sys Power") - s.get("CPU Power") - s.get("Mem Power"));
            }
            if (s.containsKey("Inlet Water Temp") || !s.containsKey("Ambient Temp")) return;
            double a = s.get("Ambient Temp");
            amb.add(a);
            Double c1 = s.getOrDefault("CPU 1 Temp", s.get("CPU1 Temp"));
            Double c2 = s.getOrDefault("CPU 2 Temp", s.get("CPU2 Temp"));
            double p = s.getOrDefault("CPU Power", 0.0);
            if (c1 != null && c2 != null && p > 0 && Math.max(c1, c2) > a) {
                res.add((Math.max(c1, c2) - a) / p);
                cpuPower.add(p);
            }
            Double ex = s.get("Exhaust Temp");
            double sys = s.getOrDefault("Sys Power", 0.0);
            if (ex != null && ex > a && sys > 0) heat.add(sys / (ex - a));
        });
        assertThat(CAL.thermalResistanceKPerW()).isCloseTo(type7(sorted(res), 0.5), within(1e-12));
        assertThat(CAL.cpuReferencePowerW()).isCloseTo(type7(sorted(cpuPower), 0.95), within(1e-9));
        assertThat(CAL.heatCapacityRateWPerK()).isCloseTo(type7(sorted(heat), 0.5), within(1e-12));
        assertThat(CAL.typicalInletC()).isEqualTo(type7(sorted(amb), 0.5));
        assertThat(CAL.nodeOverheadW()).isEqualTo(type7(sorted(over), 0.5));
    }

    @Test
    void shouldDrawEveryJobEquallyWhenSamplingIntensities() {
        double[] sorted = CAL.intensities();
        assertThat(CAL.intensityAt(0)).isEqualTo(sorted[0]);
        assertThat(CAL.intensityAt(Math.nextDown(1.0))).isEqualTo(sorted[sorted.length - 1]);
        SplittableRandom r = new SplittableRandom(7);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) sum += CAL.drawIntensity(r);
        assertThat(sum / n).isCloseTo(CAL.intensityMean(), within(0.005));
    }

    @Test
    void shouldFindDataDirWhenStartingBelowIt() {
        Path data = BundledData.dataDir();
        assertThat(Calibration.findDataDir(data.resolve("telemetry"))).contains(data);
    }

    @Test
    void shouldRejectIdleAboveBusyWhenConstructed() {
        assertThatThrownBy(() -> new Calibration(1, 120, 100, new double[] {1}, 50, 1, 0.05, 400, 1, 40, 600, 1, 25, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("processorIdleW");
        assertThatThrownBy(() -> new Calibration(1, 40, 100, new double[] {0, 1}, 50, 1, 0.05, 400, 1, 40, 600, 1, 25, 1))
                .hasMessageContaining("intensities");
    }

    /** Type-7 quantiles of the resistance factors, computed separately with a short Python script over the same file. */
    @Test
    void shouldMatchFactorQuantilesComputedOutsideJavaWhenLoadingBundledTelemetry() {
        double[] f = CAL.resistanceFactors();
        assertThat(CAL.resistanceFactorCount()).isEqualTo(1105).isEqualTo(f.length);
        assertThat(f[0]).isCloseTo(0.0600961538, within(1e-9));
        assertThat(type7(f, 0.05)).isCloseTo(0.4166666667, within(1e-9));
        assertThat(type7(f, 0.50)).isEqualTo(1.0);
        assertThat(type7(f, 0.95)).isCloseTo(1.7578125, within(1e-9));
        assertThat(type7(f, 0.99)).isCloseTo(2.3416666667, within(1e-9));
        assertThat(f[f.length - 1]).isCloseTo(4.9838362069, within(1e-9));
    }

    @Test
    void shouldEqualAnIndependentRederivationWhenDerivingResistanceFactors() throws IOException {
        // (rise, CPU power) of every air-cooled node with both CPU temperatures, CPU power and a positive rise
        List<double[]> risePower = new ArrayList<>();
        ipmiNodes(BundledData.dataDir()).forEach((name, s) -> {
            Double ambient = s.get("Ambient Temp");
            Double c1 = s.containsKey("CPU 1 Temp") ? s.get("CPU 1 Temp") : s.get("CPU1 Temp");
            Double c2 = s.containsKey("CPU 2 Temp") ? s.get("CPU 2 Temp") : s.get("CPU2 Temp");
            Double power = s.get("CPU Power");
            if (s.containsKey("Inlet Water Temp") || ambient == null || c1 == null || c2 == null || power == null) return;
            double rise = Math.max(c1, c2) - ambient;
            if (power > 0 && rise > 0) risePower.add(new double[] {rise, power});
        });
        assertThat(risePower).hasSize(CAL.resistanceNodes());
        double reference = type7(risePower.stream().mapToDouble(x -> x[1]).sorted().toArray(), 0.95);
        double floor = 0.25 * reference;
        double[] r = risePower.stream().filter(x -> x[1] >= floor).mapToDouble(x -> x[0] / x[1]).sorted().toArray();
        double median = type7(r, 0.5);
        double[] expected = Arrays.stream(r).map(x -> x / median).toArray();

        assertThat(CAL.resistanceFactors()).containsExactly(expected, within(1e-12));
        for (double u : new double[] {0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, Math.nextDown(1.0)}) {
            assertThat(CAL.resistanceFactorAt(u)).as("u = %s", u).isEqualTo(expected[(int) (u * expected.length)]);
        }
        assertThat(CAL.resistanceFactorAt(0.5)).isEqualTo(1.0);
        // the floor removes only the low-power nodes, and the factors' own median is not R itself
        assertThat(expected.length).isLessThan(CAL.resistanceNodes()).isGreaterThan(CAL.resistanceNodes() * 9 / 10);
        assertThat(median).isCloseTo(CAL.thermalResistanceKPerW(), within(0.01 * CAL.thermalResistanceKPerW()));
    }

    @Test
    void shouldRejectUOutsideUnitIntervalWhenAskedForAFactor() {
        assertThatThrownBy(() -> CAL.resistanceFactorAt(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CAL.resistanceFactorAt(-0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CAL.resistanceFactorAt(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRequirePositiveFactorsWithMedianOneWhenConstructed() {
        assertThatThrownBy(() -> withFactors(0.5, 1.2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("median 1");
        assertThatThrownBy(() -> withFactors(0, 1, 3)).hasMessageContaining("resistanceFactors");
        assertThatThrownBy(() -> withFactors(1, 1, Double.POSITIVE_INFINITY)).hasMessageContaining("resistanceFactors");
        assertThatThrownBy(() -> withFactors()).hasMessageContaining("resistanceFactors");
        // unsorted input is sorted; an even count has the mean of the middle two as its median
        assertThat(withFactors(3, 0.5, 1).resistanceFactors()).containsExactly(0.5, 1, 3);
        assertThat(withFactors(0.5, 0.9, 1.1, 2).resistanceFactorAt(0.5)).isEqualTo(1.1);
    }

    @Test
    void shouldHaveTheSingleFactorOneWhenBuiltWithoutSpread() {
        Calibration c = new Calibration(1, 40, 100, new double[] {1}, 50, 1, 0.05, 400, 1, 40, 600, 1, 25, 1);
        assertThat(c.resistanceFactors()).containsExactly(1.0);
        assertThat(c.resistanceFactorAt(0.999)).isEqualTo(1.0);
        assertThat(c).isNotEqualTo(withFactors(0.5, 1, 3)).isEqualTo(withFactors(1));
    }

    private static Calibration withFactors(double... factors) {
        return new Calibration(1, 40, 100, new double[] {1}, 50, 1, 0.05, 400, 1, factors, 40, 600, 1, 25, 1);
    }

    /** IPMI: node -> sensor -> value, parsed without the production reader. */
    private static Map<String, Map<String, Double>> ipmiNodes(Path data) throws IOException {
        Map<String, Map<String, Double>> nodes = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(data.resolve(Calibration.IPMI_FILE))), StandardCharsets.UTF_8))) {
            r.lines().skip(1).map(l -> l.split(",")).forEach(f ->
                    nodes.computeIfAbsent(f[1], k -> new HashMap<>()).put(f[2], Double.parseDouble(f[3])));
        }
        return nodes;
    }

    private static double[] sorted(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** Hyndman-Fan type 7: h = (n - 1) p, linear between the neighbouring order statistics. */
    private static double type7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo + 1 >= sorted.length) return sorted[sorted.length - 1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
