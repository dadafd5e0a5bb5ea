package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderParametersTest {

    @Test
    void shouldDivideChurnRateBySettlementRateWhenPlacementsHappened() {
        EpochObservation obs = Observations.base().churn(30, 15, 5).placements(20).build();

        OrderParameters op = OrderParameters.measure(obs);

        assertThat(op.churnPerSecond()).isCloseTo(50 / 60.0, within(1e-12));
        assertThat(op.settlementPerSecond()).isCloseTo(20 / 60.0, within(1e-12));
        assertThat(op.re()).isEqualTo(2.5);
    }

    @Test
    void shouldBeInfiniteWhenChurnWithoutPlacements() {
        OrderParameters op = OrderParameters.measure(Observations.base().churn(1, 0, 0).placements(0).build());

        assertThat(op.re()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void shouldBeZeroWhenNeitherChurnNorPlacements() {
        OrderParameters op = OrderParameters.measure(Observations.base().churn(0, 0, 0).placements(0).build());

        assertThat(op.re()).isZero();
    }

    @Test
    void shouldMeasureEntropyProductionAsUsefulWorkPerSecondOverCapacity() {
        EpochObservation obs = new EpochObservation(1, 60, 0, 0, 0, 1, 12_000, 800, 0, 1, List.of(), Map.of());

        assertThat(OrderParameters.measure(obs).entropyProduction()).isCloseTo(12_000 / 60.0 / 800, within(1e-15));
    }

    @Test
    void shouldReachOneWhenTheWholeCapacityWorkedTheWholeEpoch() {
        OrderParameters op = OrderParameters.measure(Observations.base().utilisation(1.0).build());

        assertThat(op.entropyProduction()).isEqualTo(1.0);
    }

    @Test
    void shouldRejectMoreUsefulWorkThanCapacityAllows() {
        assertThatThrownBy(() -> new EpochObservation(1, 10, 0, 0, 0, 1, 1001, 100, 0, 1, List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("observation.usefulResourceSeconds")
                .hasMessageContaining("[0, 1000]");
    }

    @Test
    void shouldTakeTheBackwardDifferenceWhenThePreviousEpochIsAdjacent() {
        OrderParameters previous = OrderParameters.measure(Observations.base().epoch(4).reynolds(100, 100).build());
        EpochObservation now = Observations.base().epoch(5).seconds(30).reynolds(400, 100).build();

        OrderParameters op = OrderParameters.measure(now, previous);

        assertThat(op.reRateKnown()).isTrue();
        assertThat(op.reRatePerSecond()).isCloseTo((4.0 - 1.0) / 30, within(1e-15));
    }

    @Test
    void shouldLeaveTheRateUnknownWhenAnEpochWasSkipped() {
        OrderParameters previous = OrderParameters.measure(Observations.base().epoch(4).reynolds(100, 100).build());

        OrderParameters op = OrderParameters.measure(Observations.base().epoch(6).reynolds(400, 100).build(), previous);

        assertThat(op.reRateKnown()).isFalse();
        assertThat(op.reRatePerSecond()).isZero();
    }

    @Test
    void shouldLeaveTheRateUnknownWhenEitherReIsInfinite() {
        OrderParameters finite = OrderParameters.measure(Observations.base().epoch(1).reynolds(100, 100).build());
        OrderParameters infinite = OrderParameters.measure(Observations.base().epoch(2).reynolds(5, 0).build(), finite);
        OrderParameters after = OrderParameters.measure(Observations.base().epoch(3).reynolds(100, 100).build(), infinite);

        assertThat(infinite.reRateKnown()).isFalse();
        assertThat(after.reRateKnown()).isFalse();
        assertThat(after.reRatePerSecond()).isZero();
    }

    @Test
    void shouldLeaveTheRateUnknownWithoutHistory() {
        OrderParameters op = OrderParameters.measure(Observations.base().build());

        assertThat(op.reRateKnown()).isFalse();
    }

    @Test
    void shouldNameTheFieldWhenAnObservationCountIsNegative() {
        assertThatThrownBy(() -> Observations.base().churn(0, -1, 0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("observation.migrations");
    }

    @Test
    void shouldRejectDuplicateBudgetIds() {
        PowerBudgetReading rack = new PowerBudgetReading("rack-1", io.teg.model.Level.RACK, 10_000, 5_000, 0, 0);

        assertThatThrownBy(() -> Observations.base().power(List.of(rack, rack)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unique");
    }

    @Test
    void shouldSortEnergySharesByAccount() {
        EpochObservation obs = Observations.base().shares(Map.of("zeta", 1L, "alpha", 2L, "mid", 3L)).build();

        assertThat(obs.energyShares().keySet()).containsExactly("alpha", "mid", "zeta");
    }
}
