package io.teg.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Algebraic laws of {@link Dual}, over seeded random operands. */
class DualProperties {

    @Property(seed = "20260401")
    void shouldCommuteWhenAddingOrMultiplying(@ForAll @DoubleRange(min = -1e3, max = 1e3) double a,
                                              @ForAll @DoubleRange(min = -1e3, max = 1e3) double b,
                                              @ForAll @DoubleRange(min = -1e3, max = 1e3) double c,
                                              @ForAll @DoubleRange(min = -1e3, max = 1e3) double d) {
        Dual x = new Dual(a, b);
        Dual y = new Dual(c, d);
        assertThat(x.add(y)).isEqualTo(y.add(x));
        assertThat(x.mul(y)).isEqualTo(y.mul(x));
    }

    @Property(seed = "20260401")
    void shouldDistributeMultiplicationOverAddition(@ForAll @DoubleRange(min = -100, max = 100) double a,
                                                    @ForAll @DoubleRange(min = -100, max = 100) double b,
                                                    @ForAll @DoubleRange(min = -100, max = 100) double c,
                                                    @ForAll @DoubleRange(min = -100, max = 100) double d,
                                                    @ForAll @DoubleRange(min = -100, max = 100) double e,
                                                    @ForAll @DoubleRange(min = -100, max = 100) double f) {
        Dual x = new Dual(a, b);
        Dual y = new Dual(c, d);
        Dual z = new Dual(e, f);
        Dual left = x.mul(y.add(z));
        Dual right = x.mul(y).add(x.mul(z));
        assertThat(left.value()).isCloseTo(right.value(), within(1e-9));
        assertThat(left.derivative()).isCloseTo(right.derivative(), within(1e-9));
    }

    @Property(seed = "20260401")
    void shouldCancelWhenSubtractingItselfOrDividingByItself(@ForAll @DoubleRange(min = 0.1, max = 1e3) double a,
                                                             @ForAll @DoubleRange(min = -1e3, max = 1e3) double b) {
        Dual x = new Dual(a, b);
        assertThat(x.sub(x)).isEqualTo(Dual.ZERO);
        Dual one = x.div(x);
        assertThat(one.value()).isEqualTo(1.0);
        assertThat(one.derivative()).isCloseTo(0.0, within(1e-12 * Math.max(1, Math.abs(b / a))));
        Dual inv = x.mul(x.reciprocal());
        assertThat(inv.value()).isCloseTo(1.0, within(1e-15));
        assertThat(inv.derivative()).isCloseTo(0.0, within(1e-12 * Math.max(1, Math.abs(b / a))));
    }

    @Property(seed = "20260401")
    void shouldTurnSumsIntoProductsWhenExponentiating(@ForAll @DoubleRange(min = -5, max = 5) double a,
                                                       @ForAll @DoubleRange(min = -5, max = 5) double b,
                                                       @ForAll @DoubleRange(min = -5, max = 5) double c,
                                                       @ForAll @DoubleRange(min = -5, max = 5) double d) {
        Dual x = new Dual(a, b);
        Dual y = new Dual(c, d);
        Dual left = x.add(y).exp();
        Dual right = x.exp().mul(y.exp());
        assertThat(left.value()).isCloseTo(right.value(), within(1e-12 * left.value()));
        assertThat(left.derivative()).isCloseTo(right.derivative(), within(1e-12 * left.value() * (1 + Math.abs(b + d))));
        Dual back = x.exp().log();
        assertThat(back.value()).isCloseTo(a, within(1e-12));
        assertThat(back.derivative()).isCloseTo(b, within(1e-12));
    }
}
