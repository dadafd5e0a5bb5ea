package io.teg.node.gpu;

/**
 * The range a GPU's power limit may be set to, mW.
 *
 * @param minMilliwatts lowest settable limit
 * @param maxMilliwatts highest settable limit (≥ min)
 */
public record PowerConstraints(long minMilliwatts, long maxMilliwatts) {

    public PowerConstraints {
        if (minMilliwatts < 0 || maxMilliwatts < minMilliwatts) {
            throw new IllegalArgumentException("power constraints [" + minMilliwatts + ", " + maxMilliwatts + "] mW are not a range");
        }
    }

    /** {@code mW} moved into [min, max]. */
    public long clamp(long milliwatts) {
        return Math.max(minMilliwatts, Math.min(maxMilliwatts, milliwatts));
    }
}
