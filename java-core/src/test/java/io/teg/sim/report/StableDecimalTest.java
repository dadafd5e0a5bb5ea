package io.teg.sim.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StableDecimalTest {

    @Test
    void shouldRoundToSignificantDigitsWhenValueIsFractional() {
        assertThat(StableDecimal.format(815.84814814, 6)).isEqualTo("815.848");
        assertThat(StableDecimal.format(0.1, 6)).isEqualTo("0.1");
        assertThat(StableDecimal.format(0.000123456789, 6)).isEqualTo("0.000123457");
        assertThat(StableDecimal.format(2.0542602567605206, 4)).isEqualTo("2.054");
    }

    @Test
    void shouldKeepWholeUnitsWhenValueHasMoreIntegerDigits() {
        assertThat(StableDecimal.format(1_234_567, 6)).isEqualTo("1234567");
        assertThat(StableDecimal.format(1_234_567.4, 6)).isEqualTo("1234567");
        assertThat(StableDecimal.format(3600, 6)).isEqualTo("3600");
        assertThat(StableDecimal.format(1e9, 6)).isEqualTo("1000000000");
    }

    @Test
    void shouldWriteZeroPlainlyWhenValueIsZeroOrNegativeZero() {
        assertThat(StableDecimal.format(0.0, 6)).isEqualTo("0");
        assertThat(StableDecimal.format(-0.0, 6)).isEqualTo("0");
        assertThat(StableDecimal.format(-2.5, 6)).isEqualTo("-2.5");
    }

    @Test
    void shouldHaveNoDecimalFormWhenValueIsNotFinite() {
        assertThat(StableDecimal.of(Double.NaN, 6)).isNull();
        assertThat(StableDecimal.format(Double.POSITIVE_INFINITY, 6)).isEmpty();
    }
}
