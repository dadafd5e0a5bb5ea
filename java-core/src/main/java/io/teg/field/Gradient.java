package io.teg.field;

/**
 * The spatial gradient ∇Φ = (∂Φ/∂x, ∂Φ/∂y) of a field at one point, in Φ-units per metre.
 *
 * @param dx ∂Φ/∂x, Φ-units per metre
 * @param dy ∂Φ/∂y, Φ-units per metre
 */
public record Gradient(double dx, double dy) {

    /** The Euclidean norm |∇Φ|, Φ-units per metre. */
    public double norm() {
        return Math.hypot(dx, dy);
    }
}
