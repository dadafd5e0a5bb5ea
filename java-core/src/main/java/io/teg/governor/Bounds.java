package io.teg.governor;

/**
 * An interval of allowed values for one named parameter, with open or closed ends. Immutable.
 *
 * <p>{@link #require(String, double)} fails with a message that names the key and the interval, for example
 * {@code governor.reCritical must be in (0, 100], got -1.0}. NaN is never inside.
 */
record Bounds(double lower, boolean lowerClosed, double upper, boolean upperClosed) {

    static Bounds open(double lower, double upper) {
        return new Bounds(lower, false, upper, false);
    }

    static Bounds closed(double lower, double upper) {
        return new Bounds(lower, true, upper, true);
    }

    /** (lower, upper]. */
    static Bounds openClosed(double lower, double upper) {
        return new Bounds(lower, false, upper, true);
    }

    /** [lower, upper). */
    static Bounds closedOpen(double lower, double upper) {
        return new Bounds(lower, true, upper, false);
    }

    boolean contains(double value) {
        if (Double.isNaN(value)) return false;
        boolean aboveLower = lowerClosed ? value >= lower : value > lower;
        boolean belowUpper = upperClosed ? value <= upper : value < upper;
        return aboveLower && belowUpper;
    }

    /** Returns {@code value} when it lies inside, otherwise throws {@link IllegalArgumentException} naming {@code key}. */
    double require(String key, double value) {
        if (!contains(value)) throw new IllegalArgumentException(key + " must be in " + this + ", got " + value);
        return value;
    }

    /** Returns {@code value} when it lies inside, otherwise throws {@link IllegalArgumentException} naming {@code key}. */
    long require(String key, long value) {
        if (!contains(value)) throw new IllegalArgumentException(key + " must be in " + this + ", got " + value);
        return value;
    }

    @Override
    public String toString() {
        return (lowerClosed ? "[" : "(") + format(lower) + ", " + format(upper) + (upperClosed ? "]" : ")");
    }

    private static String format(double v) {
        if (v == Double.POSITIVE_INFINITY) return "+inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
