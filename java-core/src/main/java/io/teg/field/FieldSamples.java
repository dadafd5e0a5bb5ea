package io.teg.field;

/**
 * Observations of a scalar field on the machine-room plane: n samples (x_i, y_i, value_i). Immutable: the arrays are
 * copied on the way in and on the way out. Several samples may share a location (two nodes of one chassis do).
 */
public final class FieldSamples {

    private final double[] x;
    private final double[] y;
    private final double[] values;

    /**
     * @param x x coordinates, metres (length n &ge; 1)
     * @param y y coordinates, metres (length n)
     * @param values observed field values, Φ-units (length n)
     * @throws IllegalArgumentException when the lengths differ, n = 0 or a number is not finite
     */
    public FieldSamples(double[] x, double[] y, double[] values) {
        if (x == null || y == null || values == null)
            throw new IllegalArgumentException("x, y and values are required");
        if (x.length == 0) throw new IllegalArgumentException("at least one sample is required");
        if (y.length != x.length || values.length != x.length)
            throw new IllegalArgumentException("x, y and values must have the same length, got " + x.length + ", "
                    + y.length + ", " + values.length);
        this.x = finiteCopy("x", x);
        this.y = finiteCopy("y", y);
        this.values = finiteCopy("values", values);
    }

    private static double[] finiteCopy(String name, double[] a) {
        double[] copy = a.clone();
        for (int i = 0; i < copy.length; i++)
            if (!Double.isFinite(copy[i]))
                throw new IllegalArgumentException("sample " + i + ": " + name + " must be finite, got " + copy[i]);
        return copy;
    }

    /** n, the number of samples. */
    public int size() {
        return x.length;
    }

    /** x of sample i, metres. */
    public double x(int i) {
        return x[i];
    }

    /** y of sample i, metres. */
    public double y(int i) {
        return y[i];
    }

    /** The value of sample i, Φ-units. */
    public double value(int i) {
        return values[i];
    }

    /** A copy of the x coordinates, metres. */
    public double[] xs() {
        return x.clone();
    }

    /** A copy of the y coordinates, metres. */
    public double[] ys() {
        return y.clone();
    }

    /** A copy of the values, Φ-units. */
    public double[] values() {
        return values.clone();
    }

    /** The arithmetic mean of the values, Φ-units. */
    public double meanValue() {
        double s = 0.0;
        for (double v : values) s += v;
        return s / values.length;
    }

    // Package-private views for the regression's inner loops; callers in this package never write to them.
    double[] xView() {
        return x;
    }

    double[] yView() {
        return y;
    }

    double[] valueView() {
        return values;
    }
}
