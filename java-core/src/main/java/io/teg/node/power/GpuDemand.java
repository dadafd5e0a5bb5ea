package io.teg.node.power;

/**
 * One GPU as the power-cap policy sees it.
 *
 * @param minMilliwatts     lowest settable limit, mW
 * @param maxMilliwatts     highest settable limit, mW (≥ min)
 * @param currentMilliwatts the limit enforced now, mW (may lie outside [min, max]; it is clamped first)
 * @param demand            relative demand, ≥ 0 (e.g. power draw in mW, or utilisation × TDP); only ratios matter
 */
public record GpuDemand(long minMilliwatts, long maxMilliwatts, long currentMilliwatts, double demand) {

    public GpuDemand {
        if (minMilliwatts < 0 || maxMilliwatts < minMilliwatts) {
            throw new IllegalArgumentException("constraints [" + minMilliwatts + ", " + maxMilliwatts + "] mW are not a range");
        }
        if (!(demand >= 0) || Double.isInfinite(demand)) {
            throw new IllegalArgumentException("demand must be finite and >= 0, got " + demand);
        }
    }
}
