package io.teg.node.gpu;

/**
 * The node agent's view of its GPUs: readings and power limits, by GPU index (0 .. {@link #count()} − 1). Power in
 * milliwatts, temperature in °C, utilisation in percent. Implementations: the NVML binding
 * ({@code io.teg.node.gpu.nvml.Nvml}), {@link DryRunGpuControl} (reads through, never sets), and the simulator's twin.
 *
 * <p>Failures of the library are {@link GpuException}s with NVML's code. Not thread-safe for setting; reads may come
 * from the sampler thread while the control loop sets.
 */
public interface GpuControl extends AutoCloseable {

    int count();

    /** Power draw, temperature and utilisation now; fields the GPU does not report are −1. */
    GpuReading read(int index);

    /** The range the power limit may be set to. */
    PowerConstraints constraints(int index);

    /** The power limit the GPU enforces now, in milliwatts. */
    long enforcedLimitMilliwatts(int index);

    /** Sets the power limit; out of the constraints is an error of the library (callers clamp first). */
    void setLimitMilliwatts(int index, long milliwatts);

    /** One line: which library, how many GPUs. */
    String describe();

    /** Releases the library; idempotent. */
    @Override
    void close();
}
