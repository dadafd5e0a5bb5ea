package io.teg.field;

/**
 * A dual number {@code a + b·ε} with {@code ε² = 0} (paper §3.2.3, eq. 8). Immutable.
 *
 * <p>The rule: for a smooth function f, {@code f(a + b·ε) = f(a) + b·f'(a)·ε}. Every operation below is this rule
 * applied exactly, so a computation carried out on duals yields the value and its first derivative together
 * (forward-mode automatic differentiation). In the field, {@code a} is the potential Φ and {@code b} its time
 * derivative ∂Φ/∂t in Φ-units per second.
 *
 * <pre>
 * (a + bε) ± (c + dε) = (a ± c) + (b ± d)ε
 * (a + bε) · (c + dε) = ac + (ad + bc)ε
 * (a + bε) / (c + dε) = a/c + ((bc − ad)/c²)ε          c ≠ 0
 * exp(a + bε)         = eᵃ + b·eᵃ ε
 * log(a + bε)         = log a + (b/a)ε                 a &gt; 0
 * sqrt(a + bε)        = √a + (b/(2√a))ε                a &gt; 0
 * (a + bε)^p          = aᵖ + p·aᵖ⁻¹·b ε
 * </pre>
 *
 * <p>Operations follow IEEE 754: dividing by a dual with zero real part gives infinities or NaN rather than an
 * exception, as {@code double} arithmetic does.
 *
 * @param value the real part a
 * @param derivative the infinitesimal part b (the coefficient of ε)
 */
public record Dual(double value, double derivative) {

    /** The additive identity 0 + 0ε. */
    public static final Dual ZERO = new Dual(0.0, 0.0);

    /** The multiplicative identity 1 + 0ε. */
    public static final Dual ONE = new Dual(1.0, 0.0);

    /** The infinitesimal unit 0 + 1ε. */
    public static final Dual EPSILON = new Dual(0.0, 1.0);

    /** A constant c + 0ε: its derivative is zero. */
    public static Dual constant(double c) {
        return new Dual(c, 0.0);
    }

    /** The independent variable t + 1ε: seeds forward-mode differentiation with respect to t. */
    public static Dual variable(double t) {
        return new Dual(t, 1.0);
    }

    public Dual add(Dual o) {
        return new Dual(value + o.value, derivative + o.derivative);
    }

    public Dual add(double c) {
        return new Dual(value + c, derivative);
    }

    public Dual sub(Dual o) {
        return new Dual(value - o.value, derivative - o.derivative);
    }

    public Dual sub(double c) {
        return new Dual(value - c, derivative);
    }

    /** {@code (a + bε)(c + dε) = ac + (ad + bc)ε}. */
    public Dual mul(Dual o) {
        return new Dual(value * o.value, value * o.derivative + derivative * o.value);
    }

    /** {@code (a + bε)/(c + dε) = a/c + ((bc − ad)/c²)ε}. */
    public Dual div(Dual o) {
        double c = o.value;
        return new Dual(value / c, (derivative * c - value * o.derivative) / (c * c));
    }

    /** Multiplies both parts by the real number {@code s}. */
    public Dual scale(double s) {
        return new Dual(s * value, s * derivative);
    }

    public Dual negate() {
        return new Dual(-value, -derivative);
    }

    /** {@code 1/(a + bε) = 1/a − (b/a²)ε}. */
    public Dual reciprocal() {
        return new Dual(1.0 / value, -derivative / (value * value));
    }

    /** {@code exp(a + bε) = eᵃ + b·eᵃ·ε}. */
    public Dual exp() {
        double e = Math.exp(value);
        return new Dual(e, derivative * e);
    }

    /** {@code log(a + bε) = log a + (b/a)ε}; NaN for a &lt; 0, as {@link Math#log}. */
    public Dual log() {
        return new Dual(Math.log(value), derivative / value);
    }

    /** {@code √(a + bε) = √a + (b/(2√a))ε}. */
    public Dual sqrt() {
        double r = Math.sqrt(value);
        return new Dual(r, derivative / (2.0 * r));
    }

    /** {@code (a + bε)^p = aᵖ + p·aᵖ⁻¹·b·ε} for a real exponent p. */
    public Dual pow(double p) {
        return new Dual(Math.pow(value, p), p * Math.pow(value, p - 1.0) * derivative);
    }

    /**
     * The first-order Taylor step of length {@code h} in the differentiation variable: {@code a + h·b}. For a field
     * dual Φ + Φ̇ε and {@code h = Δt} in seconds this is the prediction Φ(t + Δt) = Φ(t) + Δt·Φ̇(t).
     */
    public double valueAt(double h) {
        return value + h * derivative;
    }

    /** The dual moved by {@code h} along its tangent: {@code (a + h·b) + b·ε}, i.e. the same slope at t + h. */
    public Dual shift(double h) {
        return new Dual(value + h * derivative, derivative);
    }

    @Override
    public String toString() {
        return value + " + " + derivative + "ε";
    }
}
