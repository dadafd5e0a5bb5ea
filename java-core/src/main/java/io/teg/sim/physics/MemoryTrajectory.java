package io.teg.sim.physics;

import java.util.Arrays;

/**
 * How much memory each task of a job really uses over its run: a step function of the time since the job
 * started. Step {@code i} holds from {@code offsetsS[i]} until the next step; the first offset is 0.
 *
 * @param realPeakMiB the job's real steady need per task, before any burst, MiB (its request is
 *        {@code realPeakMiB * (1 + fearPremium)})
 * @param fearPremium alpha of the paper's eq. (4), R_req = R_real (1 + alpha)
 * @param offsetsS step start times in seconds after the job started, strictly increasing, first = 0
 * @param usageMiB use per task in MiB during each step
 */
public record MemoryTrajectory(long realPeakMiB, double fearPremium, long[] offsetsS, long[] usageMiB) {

    public MemoryTrajectory {
        if (offsetsS.length == 0 || offsetsS.length != usageMiB.length)
            throw new IllegalArgumentException("a trajectory needs as many offsets as usages, at least one");
        if (offsetsS[0] != 0) throw new IllegalArgumentException("the first step must start at offset 0");
        for (int i = 1; i < offsetsS.length; i++) {
            if (offsetsS[i] <= offsetsS[i - 1]) throw new IllegalArgumentException("offsets must increase");
        }
        offsetsS = offsetsS.clone();
        usageMiB = usageMiB.clone();
    }

    public int steps() {
        return offsetsS.length;
    }

    public long offsetS(int step) {
        return offsetsS[step];
    }

    public long usageMiB(int step) {
        return usageMiB[step];
    }

    /** The highest use of any step, MiB per task. */
    public long maxUsageMiB() {
        return Arrays.stream(usageMiB).max().orElse(0);
    }

    @Override
    public long[] offsetsS() {
        return offsetsS.clone();
    }

    @Override
    public long[] usageMiB() {
        return usageMiB.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryTrajectory t && realPeakMiB == t.realPeakMiB && fearPremium == t.fearPremium
                && Arrays.equals(offsetsS, t.offsetsS) && Arrays.equals(usageMiB, t.usageMiB);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(realPeakMiB) * 31 + Arrays.hashCode(offsetsS) * 17 + Arrays.hashCode(usageMiB);
    }

    @Override
    public String toString() {
        return "MemoryTrajectory[peak=" + realPeakMiB + " MiB, alpha=" + fearPremium + ", offsets="
                + Arrays.toString(offsetsS) + ", usage=" + Arrays.toString(usageMiB) + "]";
    }
}
