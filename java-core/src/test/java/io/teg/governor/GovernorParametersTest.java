package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GovernorParametersTest {

    @Test
    void shouldProvideValidDefaults() {
        GovernorParameters p = GovernorParameters.defaults();

        assertThat(p.epochSeconds()).isEqualTo(60);
        assertThat(p.reLow()).isLessThan(p.reCritical());
        assertThat(p.reCritical()).isLessThan(p.reHigh());
        assertThat(p.reHigh()).isLessThan(p.reMax());
        assertThat(p.barrierAlphaPerSecond() * p.epochSeconds()).isLessThanOrEqualTo(1);
        assertThat(p.evaporationRatePerSecond()).isEqualTo(Math.log(2) / 86_400);
    }

    @Test
    void shouldNameTheKeyAndRangeWhenReCriticalIsOutOfRange() {
        assertThatThrownBy(() -> with("governor.reCritical", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("governor.reCritical must be in (0, 100], got -1.0");
    }

    @Test
    void shouldNameTheKeyAndRangeForEveryOutOfRangeValue() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("governor.epochSeconds", "0"),
                Map.entry("governor.entropyProductionLow", "1"),
                Map.entry("governor.reLow", "-0.5"),
                Map.entry("governor.reHigh", "2000"),
                Map.entry("governor.reMax", "0"),
                Map.entry("governor.landauA", "0"),
                Map.entry("governor.landauB", "1001"),
                Map.entry("governor.landauFieldGain", "-2"),
                Map.entry("governor.gammaMin", "0"),
                Map.entry("governor.gammaMax", "0"),
                Map.entry("governor.barrierDriveBound", "2"),
                Map.entry("governor.reInertiaSecondsSquaredPerMass", "0"),
                Map.entry("governor.powerInertiaSecondsSquared", "-1"),
                Map.entry("governor.sitePowerBudgetWatts", "0"),
                Map.entry("governor.microTokensPerJoule", "2000000"),
                Map.entry("governor.evaporationRatePerSecond", "1.5"));
        bad.forEach((key, value) -> assertThatThrownBy(() -> with(key, value))
                .as(key)
                .hasMessageStartingWith(key + " must be in ")
                .hasMessageMatching(".*[\\[(].*, .*[\\])].*"));
    }

    @Test
    void shouldRequireTheReynoldsThresholdsInOrder() {
        assertThatThrownBy(() -> with("governor.reHigh", "0.5"))
                .hasMessageContaining("governor.reHigh must be greater than governor.reCritical (1.0), got 0.5");
        assertThatThrownBy(() -> with("governor.reLow", "3"))
                .hasMessageContaining("governor.reCritical must be greater than governor.reLow (3.0)");
        assertThatThrownBy(() -> with("governor.reMax", "3"))
                .hasMessageContaining("governor.reMax must be greater than governor.reHigh (4.0), got 3.0");
    }

    @Test
    void shouldBoundAlphaByTheEpoch() {
        assertThatThrownBy(() -> with("governor.barrierAlphaPerSecond", "0.1"))
                .hasMessage("governor.barrierAlphaPerSecond must be in (0, 0.016666666666666666]"
                        + " (alpha * governor.epochSeconds <= 1), got 0.1");
    }

    @Test
    void shouldOverrideOnlyTheGivenKeysWhenReadFromText() {
        GovernorParameters p = GovernorParameters.from(Map.of("governor.reMax", " 12.5 ", "governor.sitePowerBudgetWatts", "250000"));

        assertThat(p.reMax()).isEqualTo(12.5);
        assertThat(p.sitePowerBudgetWatts()).isEqualTo(250_000);
        assertThat(p.reCritical()).isEqualTo(GovernorParameters.defaults().reCritical());
    }

    @Test
    void shouldRoundTripEveryKeyThroughText() {
        Map<String, String> text = new HashMap<>();
        GovernorParameters.defaults().asMap().forEach((k, v) -> text.put(k, v.toString()));

        assertThat(GovernorParameters.from(text)).isEqualTo(GovernorParameters.defaults());
        assertThat(text).hasSize(18);
    }

    @Test
    void shouldRejectAnUnknownKey() {
        assertThatThrownBy(() -> with("governor.reCritcal", "1")).hasMessage("unknown governor key: governor.reCritcal");
    }

    @Test
    void shouldRejectTextThatIsNotANumber() {
        assertThatThrownBy(() -> with("governor.landauA", "fast")).hasMessage("governor.landauA must be a number, got 'fast'");
        assertThatThrownBy(() -> with("governor.microTokensPerJoule", "1.5"))
                .hasMessage("governor.microTokensPerJoule must be an integer, got '1.5'");
    }

    private static GovernorParameters with(String key, String value) {
        return GovernorParameters.from(Map.of(key, value));
    }
}
