package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhaseClassifierTest {

    private final PhaseClassifier classifier = new PhaseClassifier(0.3, 0.2, 4.0);

    @Test
    void shouldReportColdStasisWhenWorkWaitsAndNothingMoves() {
        EpochObservation obs = Observations.base().reynolds(0, 0).utilisation(0.05).queued(40).build();

        assertThat(classifier.classify(OrderParameters.measure(obs), obs.workWaiting())).isEqualTo(Phase.COLD_STASIS);
    }

    @Test
    void shouldReportHeatDeathWhenChurnSwampsSettlementAndLittleWorkIsDone() {
        EpochObservation obs = Observations.base().reynolds(900, 100).utilisation(0.1).queued(40).build();

        assertThat(classifier.classify(OrderParameters.measure(obs), obs.workWaiting())).isEqualTo(Phase.HEAT_DEATH);
    }

    @Test
    void shouldReportHeatDeathWhenChurnHasNoPlacementAtAll() {
        EpochObservation obs = Observations.base().reynolds(50, 0).utilisation(0.0).queued(40).build();

        assertThat(classifier.classify(OrderParameters.measure(obs), obs.workWaiting())).isEqualTo(Phase.HEAT_DEATH);
    }

    @Test
    void shouldReportLaminarFlowWhenWorkIsHighAndChurnModerate() {
        EpochObservation obs = Observations.base().reynolds(150, 100).utilisation(0.8).queued(3).build();

        assertThat(classifier.classify(OrderParameters.measure(obs), obs.workWaiting())).isEqualTo(Phase.LAMINAR_FLOW);
    }

    @Test
    void shouldReportLaminarFlowWhenWorkIsHighAndThereIsNoChurn() {
        assertThat(classifier.classify(0.0, 0.9, true)).isEqualTo(Phase.LAMINAR_FLOW);
    }

    @Test
    void shouldReportIdleWhenNothingMovesAndNothingWaits() {
        assertThat(classifier.classify(0.0, 0.0, false)).isEqualTo(Phase.IDLE);
    }

    @Test
    void shouldFallBackToTransitionalWhenLowWorkMeetsModerateChurn() {
        assertThat(classifier.classify(1.0, 0.1, true)).isEqualTo(Phase.TRANSITIONAL);
    }

    @Test
    void shouldFallBackToTransitionalWhenHighWorkMeetsHighChurn() {
        assertThat(classifier.classify(9.0, 0.9, true)).isEqualTo(Phase.TRANSITIONAL);
    }

    @Test
    void shouldTreatTheThresholdsThemselvesAsNotLowAndNotHigh() {
        assertThat(classifier.classify(4.0, 0.3, true)).isEqualTo(Phase.LAMINAR_FLOW);
        assertThat(classifier.classify(4.0, 0.29, true)).isEqualTo(Phase.TRANSITIONAL);
        assertThat(classifier.classify(0.2, 0.29, true)).isEqualTo(Phase.TRANSITIONAL);
        assertThat(classifier.classify(0.19, 0.29, true)).isEqualTo(Phase.COLD_STASIS);
    }

    @Test
    void shouldNameTheKeyWhenThresholdsAreOutOfRange() {
        assertThatThrownBy(() -> new PhaseClassifier(1.5, 0.2, 4.0))
                .hasMessage("governor.entropyProductionLow must be in (0, 1), got 1.5");
        assertThatThrownBy(() -> new PhaseClassifier(0.3, 5.0, 4.0))
                .hasMessageContaining("governor.reHigh must be in (5, +inf)");
    }
}
