package io.teg.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DualTest {

    @Test
    void shouldSquareToZeroWhenMultiplyingEpsilonByItself() {
        assertThat(Dual.EPSILON.mul(Dual.EPSILON)).isEqualTo(Dual.ZERO);
    }

    @Test
    void shouldApplyProductRuleWhenMultiplying() {
        assertThat(new Dual(2, 3).mul(new Dual(5, 7))).isEqualTo(new Dual(10, 2 * 7 + 3 * 5));
    }

    @Test
    void shouldApplyQuotientRuleWhenDividing() {
        Dual q = new Dual(2, 3).div(new Dual(4, 5));
        assertThat(q.value()).isEqualTo(0.5);
        assertThat(q.derivative()).isCloseTo((3.0 * 4 - 2.0 * 5) / 16, within(1e-15));
    }

    @Test
    void shouldUndoMultiplicationWhenDividingByTheSameDual() {
        Dual a = new Dual(1.5, -2.25);
        Dual b = new Dual(-0.75, 4.0);
        Dual back = a.mul(b).div(b);
        assertThat(back.value()).isCloseTo(a.value(), within(1e-14));
        assertThat(back.derivative()).isCloseTo(a.derivative(), within(1e-14));
    }

    @Test
    void shouldAddAndSubtractComponentwise() {
        assertThat(new Dual(1, 2).add(new Dual(3, 4))).isEqualTo(new Dual(4, 6));
        assertThat(new Dual(1, 2).sub(new Dual(3, 5))).isEqualTo(new Dual(-2, -3));
        assertThat(new Dual(1, 2).add(10)).isEqualTo(new Dual(11, 2));
        assertThat(new Dual(1, 2).sub(10)).isEqualTo(new Dual(-9, 2));
        assertThat(new Dual(1, 2).scale(-3)).isEqualTo(new Dual(-3, -6));
        assertThat(new Dual(1, 2).negate()).isEqualTo(new Dual(-1, -2));
    }

    @Test
    void shouldDifferentiateElementaryFunctionsWhenSeededAsVariable() {
        double t = 0.7;
        Dual v = Dual.variable(t);
        assertThat(v.exp().derivative()).isCloseTo(Math.exp(t), within(1e-15));
        assertThat(v.log().derivative()).isCloseTo(1 / t, within(1e-15));
        assertThat(v.sqrt().derivative()).isCloseTo(0.5 / Math.sqrt(t), within(1e-15));
        assertThat(v.pow(3.5).derivative()).isCloseTo(3.5 * Math.pow(t, 2.5), within(1e-15));
        assertThat(v.reciprocal().derivative()).isCloseTo(-1 / (t * t), within(1e-14));
        assertThat(Dual.constant(t).exp().derivative()).isZero();
    }

    @Test
    void shouldGiveChainRuleDerivativeWhenComposingOperations() {
        // f(t) = exp(t²) / (1 + t), f'(t) = exp(t²)·(2t(1 + t) − 1) / (1 + t)².
        double t = 0.3;
        Dual v = Dual.variable(t);
        Dual f = v.mul(v).exp().div(v.add(1));
        double expected = Math.exp(t * t) * (2 * t * (1 + t) - 1) / ((1 + t) * (1 + t));
        assertThat(f.value()).isCloseTo(Math.exp(t * t) / (1 + t), within(1e-15));
        assertThat(f.derivative()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void shouldStepAlongTangentWhenEvaluatedAhead() {
        Dual phi = new Dual(2.0, -0.01);
        assertThat(phi.valueAt(60)).isCloseTo(1.4, within(1e-15));
        assertThat(phi.shift(60)).isEqualTo(new Dual(phi.valueAt(60), -0.01));
    }
}
