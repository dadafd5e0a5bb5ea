package io.teg.field;

/**
 * One node's telemetry and the physical entropy S_phys it implies (ARCHITECTURE §4, paper §3.2.2): a weighted sum of
 * dimensionless pressures, scaled by the external gossip multiplier g (ARCHITECTURE §9; 1 until thermal gossip
 * exists). Immutable.
 *
 * <pre>
 * p_cpu     = cpuUse                                           (fraction of the node's CPU capacity in use)
 * p_gpu     = gpuUse                                           (fraction of the node's GPU capacity in use)
 * p_mem     = U / (C_max − U),  C_max = 0.95·C                 (U &lt; C_max; +∞ at and beyond C_max)
 * p_power   = P / P_cap
 * p_thermal = max(0, (T − T_inlet) / (T_throttle − T_inlet))
 * S_phys    = g · (w_cpu·p_cpu + w_gpu·p_gpu + w_mem·p_mem + w_power·p_power + w_thermal·p_thermal)   (E1)
 * </pre>
 *
 * The memory pressure is the asymptote 1/(C_max − U) of ARCHITECTURE §4 scaled by C_max and shifted to vanish on an
 * empty node: U/(C_max − U) = C_max·(1/(C_max − U) − 1/C_max). It is 1 at half of C_max, 18 at 90 % of C, and grows
 * without bound as U approaches C_max, where memory is incompressible (paper §3.6). A term whose weight is 0 is left
 * out, so a zero weight never meets an infinite pressure. S_phys is 0 for an idle, cool, empty node and is never
 * negative.
 *
 * @param cpuUse CPU in use as a fraction of capacity, &ge; 0 (above 1 when oversubscribed)
 * @param gpuUse GPU in use as a fraction of capacity, &ge; 0 (0 on a node without GPUs)
 * @param memoryUsedMiB U, memory in use, MiB, &ge; 0
 * @param memoryCapacityMiB C, memory capacity, MiB, &gt; 0
 * @param powerW P, power drawn, watts, &ge; 0
 * @param powerCapW P_cap, the power cap, watts, &gt; 0
 * @param temperatureC T, hottest sensor, °C
 * @param inletTemperatureC T_inlet, cooling air or water inlet temperature, °C
 * @param throttleTemperatureC T_throttle, where the hardware throttles, °C, &gt; T_inlet
 * @param gossipMultiplier g, the external multiplier from thermal gossip, &gt; 0 (1 = no external pressure)
 */
public record PhysicalEntropy(double cpuUse, double gpuUse, double memoryUsedMiB, double memoryCapacityMiB,
                              double powerW, double powerCapW, double temperatureC, double inletTemperatureC,
                              double throttleTemperatureC, double gossipMultiplier) {

    /** C_max / C: the usable fraction of memory before the asymptote. */
    public static final double MEMORY_LIMIT_FRACTION = 0.95;

    /**
     * The weights of (E1), each &ge; 0, dimensionless.
     *
     * @param cpu w_cpu
     * @param gpu w_gpu
     * @param memory w_mem
     * @param power w_power
     * @param thermal w_thermal
     */
    public record Weights(double cpu, double gpu, double memory, double power, double thermal) {

        /** Every pressure counts alike: a fully busy node at its power cap and at throttle has S ≈ 4 + p_mem. */
        public static final Weights EQUAL = new Weights(1.0, 1.0, 1.0, 1.0, 1.0);

        public Weights {
            check("cpu", cpu);
            check("gpu", gpu);
            check("memory", memory);
            check("power", power);
            check("thermal", thermal);
        }

        private static void check(String name, double w) {
            if (!(w >= 0) || !Double.isFinite(w))
                throw new IllegalArgumentException(name + " weight must be finite and >= 0, got " + w);
        }
    }

    public PhysicalEntropy {
        nonNegative("cpuUse", cpuUse);
        nonNegative("gpuUse", gpuUse);
        nonNegative("memoryUsedMiB", memoryUsedMiB);
        positive("memoryCapacityMiB", memoryCapacityMiB);
        nonNegative("powerW", powerW);
        positive("powerCapW", powerCapW);
        if (!Double.isFinite(temperatureC) || !Double.isFinite(inletTemperatureC)
                || !Double.isFinite(throttleTemperatureC))
            throw new IllegalArgumentException("temperatures must be finite, got T=" + temperatureC + " inlet="
                    + inletTemperatureC + " throttle=" + throttleTemperatureC);
        if (!(throttleTemperatureC > inletTemperatureC))
            throw new IllegalArgumentException("throttleTemperatureC must be above inletTemperatureC, got "
                    + throttleTemperatureC + " <= " + inletTemperatureC);
        positive("gossipMultiplier", gossipMultiplier);
    }

    /** The same telemetry without external (gossip) pressure: g = 1. */
    public PhysicalEntropy(double cpuUse, double gpuUse, double memoryUsedMiB, double memoryCapacityMiB,
                           double powerW, double powerCapW, double temperatureC, double inletTemperatureC,
                           double throttleTemperatureC) {
        this(cpuUse, gpuUse, memoryUsedMiB, memoryCapacityMiB, powerW, powerCapW, temperatureC, inletTemperatureC,
                throttleTemperatureC, 1.0);
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v))
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v))
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
    }

    /** p_mem = U/(C_max − U), dimensionless; +∞ when U &ge; C_max. */
    public double memoryPressure() {
        double limit = MEMORY_LIMIT_FRACTION * memoryCapacityMiB;
        double headroom = limit - memoryUsedMiB;
        return headroom > 0 ? memoryUsedMiB / headroom : Double.POSITIVE_INFINITY;
    }

    /** p_power = P/P_cap, dimensionless. */
    public double powerPressure() {
        return powerW / powerCapW;
    }

    /** p_thermal = max(0, (T − T_inlet)/(T_throttle − T_inlet)), dimensionless. */
    public double thermalPressure() {
        return Math.max(0.0, (temperatureC - inletTemperatureC) / (throttleTemperatureC - inletTemperatureC));
    }

    /** S_phys of (E1) with the given weights: &ge; 0, +∞ when memory is at or beyond C_max and w_mem &gt; 0. */
    public double entropy(Weights weights) {
        if (weights == null) throw new IllegalArgumentException("weights are required");
        double s = term(weights.cpu(), cpuUse) + term(weights.gpu(), gpuUse) + term(weights.memory(), memoryPressure())
                + term(weights.power(), powerPressure()) + term(weights.thermal(), thermalPressure());
        return gossipMultiplier * s;
    }

    /** S_phys of (E1) with {@link Weights#EQUAL}. */
    public double entropy() {
        return entropy(Weights.EQUAL);
    }

    private static double term(double weight, double pressure) {
        return weight == 0.0 ? 0.0 : weight * pressure;
    }
}
