package io.teg.node.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads through to a real {@link GpuControl} and never changes it: a set limit is recorded, checked against the
 * constraints the way the library would, and reported by {@link #enforcedLimitMilliwatts} as if applied.
 */
public final class DryRunGpuControl implements GpuControl {

    /** A limit that would have been set. */
    public record WouldSet(int index, long milliwatts) {
    }

    private final GpuControl real;
    private final long[] shadow;
    private final List<WouldSet> log = new ArrayList<>();

    public DryRunGpuControl(GpuControl real) {
        this.real = real;
        this.shadow = new long[real.count()];
        java.util.Arrays.fill(shadow, -1);
    }

    @Override
    public int count() {
        return real.count();
    }

    @Override
    public GpuReading read(int index) {
        return real.read(index);
    }

    @Override
    public PowerConstraints constraints(int index) {
        return real.constraints(index);
    }

    @Override
    public long enforcedLimitMilliwatts(int index) {
        return shadow[index] >= 0 ? shadow[index] : real.enforcedLimitMilliwatts(index);
    }

    @Override
    public synchronized void setLimitMilliwatts(int index, long milliwatts) {
        PowerConstraints c = real.constraints(index);
        if (milliwatts != c.clamp(milliwatts)) {
            throw new GpuException("setLimitMilliwatts (dry run)", index, GpuException.INVALID_ARGUMENT,
                    milliwatts + " mW is outside [" + c.minMilliwatts() + ", " + c.maxMilliwatts() + "] mW");
        }
        shadow[index] = milliwatts;
        log.add(new WouldSet(index, milliwatts));
    }

    /** Every limit that would have been set, in order. */
    public synchronized List<WouldSet> wouldHaveSet() {
        return List.copyOf(log);
    }

    @Override
    public String describe() {
        return "dry run over " + real.describe();
    }

    @Override
    public void close() {
        real.close();
    }
}
