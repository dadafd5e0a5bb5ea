package io.teg.sim.trace;

/**
 * The offered load of a trace per resource: the fraction of the cluster's capacity its jobs would keep busy if
 * they ran back to back over the submission span. See {@link TraceTransforms#loadByResource(Trace)} for the formula.
 *
 * @param cpu CPU load, dimensionless (1.0 = every core busy on average)
 * @param memory memory load, dimensionless; jobs of unknown memory count 0
 * @param gpu GPU load, dimensionless; 0 for a cluster without GPUs
 * @param spanS the submission span the loads are averaged over, seconds (&ge; 1)
 */
public record OfferedLoad(double cpu, double memory, double gpu, long spanS) {

    public OfferedLoad {
        if (!(cpu >= 0 && memory >= 0 && gpu >= 0)) throw new IllegalArgumentException(
                "loads must be >= 0: cpu " + cpu + ", memory " + memory + ", gpu " + gpu);
        if (spanS < 1) throw new IllegalArgumentException("spanS must be >= 1, got " + spanS);
    }

    /** The largest of the three loads: the trace's offered load rho. */
    public double rho() {
        return Math.max(cpu, Math.max(memory, gpu));
    }

    /** The resource with the largest load: {@code cpu}, {@code memory} or {@code gpu}. */
    public String bottleneck() {
        if (gpu >= cpu && gpu >= memory && gpu > 0) return "gpu";
        return memory > cpu ? "memory" : "cpu";
    }
}
