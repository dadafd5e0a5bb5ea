package io.teg.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntropicValuationTest {

    private final EntropicValuation valuation = new EntropicValuation(10.0, 0.5);

    @Test
    void shouldPriceIdleNodeAtKappaOverEpsilon() {
        assertThat(valuation.reservePrice(0.0)).isEqualTo(20.0);
    }

    @Test
    void shouldDecreaseWhenEntropyGrows() {
        double previous = Double.POSITIVE_INFINITY;
        for (double s = 0; s <= 50; s += 0.25) {
            double price = valuation.reservePrice(s);
            assertThat(price).isLessThan(previous).isPositive();
            previous = price;
        }
        assertThat(valuation.reservePrice(1.5)).isEqualTo(5.0);
        assertThat(valuation.reservePrice(Double.POSITIVE_INFINITY)).isZero();
    }

    @Test
    void shouldRejectWhenParametersOrEntropyAreInvalid() {
        assertThatThrownBy(() -> new EntropicValuation(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kappa");
        assertThatThrownBy(() -> new EntropicValuation(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> valuation.reservePrice(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localEntropy");
        assertThatThrownBy(() -> valuation.reservePrice(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localEntropy");
    }
}
