package io.teg.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldSamplesTest {

    @Test
    void shouldKeepOwnCopiesWhenCallerMutatesArrays() {
        double[] x = {0, 1};
        double[] v = {2, 4};
        FieldSamples samples = new FieldSamples(x, new double[]{0, 0}, v);

        x[0] = 9;
        v[1] = 9;
        samples.values()[0] = 9;

        assertThat(samples.xs()).containsExactly(0, 1);
        assertThat(samples.values()).containsExactly(2, 4);
        assertThat(samples.meanValue()).isEqualTo(3.0);
        assertThat(samples.size()).isEqualTo(2);
    }

    @Test
    void shouldRejectSamplesWhenEmptyMismatchedOrNotFinite() {
        assertThatThrownBy(() -> new FieldSamples(new double[0], new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one sample");
        assertThatThrownBy(() -> new FieldSamples(new double[2], new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length, got 2, 2, 3");
        assertThatThrownBy(() -> new FieldSamples(new double[2], new double[]{0, Double.NaN}, new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample 1: y must be finite");
    }
}
