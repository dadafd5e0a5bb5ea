package io.teg.ledger;

import io.teg.model.NodeSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MultiplicativePricingTest {

    private record View(long usedMem, long cMax, double thermal, double external, double demand) implements NodeView {
        public int index() {
            return 0;
        }

        public NodeSpec spec() {
            return new NodeSpec("v", 1_000, 1_000, 8, "H100", 0);
        }

        public int usedCpuMilli() {
            return 0;
        }

        public long usedMemMiB() {
            return usedMem;
        }

        public int usedGpus() {
            return 0;
        }

        public long sellableMemMiB() {
            return cMax;
        }

        public double thermalMultiplier() {
            return thermal;
        }

        public double externalMultiplier() {
            return external;
        }

        public double demandMultiplier() {
            return demand;
        }
    }

    private final MultiplicativePricing pricing = new MultiplicativePricing(100);

    @Test
    void shouldMultiplyBaseThermalExternalAndDemandWhenMemoryIsEmpty() {
        long p = pricing.reserveMicrosPerUnitSecond(new View(0, 950, 1.25, 2.0, 1.5), Demand.of(1_000, 0, 1));

        assertThat(p).isEqualTo(375);
    }

    @Test
    void shouldDoubleThePriceWhenTheMidpointOfTheOrderSitsHalfwayToCmax() {
        long p = pricing.reserveMicrosPerUnitSecond(new View(400, 1_000, 1, 1, 1), Demand.of(0, 200, 0));

        assertThat(p).isEqualTo(200);
    }

    @Test
    void shouldRefuseToSellWhenTheOrderWouldPassCmax() {
        assertThat(pricing.reserveMicrosPerUnitSecond(new View(900, 1_000, 1, 1, 1), Demand.of(0, 101, 0))).isEqualTo(Long.MAX_VALUE);
        assertThat(pricing.reserveMicrosPerUnitSecond(new View(1_000, 1_000, 1, 1, 1), Demand.of(1_000, 0, 0))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldGrowWithoutBoundWhenUseApproachesCmax() {
        long previous = 0;
        for (long used = 0; used < 1_000; used += 111) {
            long p = pricing.reserveMicrosPerUnitSecond(new View(used, 1_000, 1, 1, 1), Demand.of(0, 1, 0));
            assertThat(p).isGreaterThan(previous);
            previous = p;
        }
        assertThat(pricing.reserveMicrosPerUnitSecond(new View(999, 1_000, 1, 1, 1), Demand.of(0, 1, 0))).isEqualTo(200_000);
    }
}
