package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teg.model.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GovernorTest {

    private final GovernorParameters parameters = GovernorParameters.defaults();
    private final Governor governor = new Governor(parameters);

    @Test
    void shouldSubsidiseInColdStasis() {
        GovernorDecision d = governor.decide(Observations.base().reynolds(0, 0).utilisation(0.02).queued(50).build());

        assertThat(d.phase()).isEqualTo(Phase.COLD_STASIS);
        assertThat(d.gamma()).isNegative();
        assertThat(d.activeConstraint().kind()).isEqualTo(ConstraintKind.NONE);
    }

    @Test
    void shouldTaxInHeatDeath() {
        GovernorDecision d = governor.decide(Observations.base().reynolds(600, 100).utilisation(0.05).queued(50).build());

        assertThat(d.phase()).isEqualTo(Phase.HEAT_DEATH);
        assertThat(d.re()).isEqualTo(6.0);
        assertThat(d.gamma()).isPositive();
    }

    @Test
    void shouldReportLaminarFlowWithASmallGamma() {
        GovernorDecision d = governor.decide(Observations.base().reynolds(110, 100).utilisation(0.85).queued(5).build());

        assertThat(d.phase()).isEqualTo(Phase.LAMINAR_FLOW);
        assertThat(d.entropyProduction()).isEqualTo(0.85);
        assertThat(Math.abs(d.gamma())).isLessThan(0.25);
        assertThat(d.gammaRaw()).isEqualTo(d.gamma());
    }

    @Test
    void shouldClampAndSayItWhenLandauAsksForMoreSubsidyThanAllowed() {
        Governor tight = new Governor(GovernorParameters.from(Map.of("governor.gammaMin", "-0.2")));

        GovernorDecision d = tight.decide(Observations.base().reynolds(0, 0).utilisation(0.02).queued(50).build());

        assertThat(d.gammaLandau()).isLessThan(-0.2);
        assertThat(d.gamma()).isEqualTo(-0.2);
        assertThat(d.activeConstraint()).isEqualTo(ActiveConstraint.of(ConstraintKind.GAMMA_MIN));
    }

    @Test
    void shouldSaturateTheReynoldsBarrierWhenChurnHasNoPlacementAtAll() {
        GovernorDecision d = governor.decide(Observations.base().reynolds(500, 0).utilisation(0.0).queued(50).build());

        assertThat(d.re()).isInfinite();
        assertThat(d.gamma()).isEqualTo(parameters.gammaMax());
        assertThat(d.activeConstraint()).isEqualTo(new ActiveConstraint(ConstraintKind.REYNOLDS_BARRIER, "re", true));
    }

    @Test
    void shouldMintTheSiteEnergyBudgetExactlyInEveryDecision() {
        EpochObservation obs = Observations.base().shares(Map.of("physics", 3L, "bio", 1L, "chem", 1L)).build();

        MintPlan plan = governor.decide(obs).mintPlan();

        long expected = 1_000_000L * 60 * 1000;
        assertThat(plan.energyJoules()).isEqualTo(60_000_000L);
        assertThat(plan.mintedMicroTokens()).isEqualTo(expected);
        assertThat(plan.mints()).extracting(AccountMint::account).containsExactly("bio", "chem", "physics");
        assertThat(plan.mints()).extracting(AccountMint::microTokens)
                .containsExactly(expected / 5, expected / 5, expected * 3 / 5);
    }

    @Test
    void shouldRefuseAHistoryThatIsNotEarlier() {
        GovernorDecision first = governor.decide(Observations.base().epoch(5).build());

        assertThatThrownBy(() -> governor.decide(Observations.base().epoch(5).build(), first))
                .hasMessageContaining("must precede");
    }

    @Test
    void shouldCarryTheAppliedGammaForwardAsTheGammaInForce() {
        GovernorDecision first = governor.decide(Observations.base().epoch(1).reynolds(300, 100).build());
        GovernorDecision second = governor.decide(Observations.base().epoch(2).reynolds(300, 100).build(), first);

        assertThat(first.gammaInForce()).isZero();
        assertThat(second.gammaInForce()).isEqualTo(first.gamma());
        assertThat(second.orderParameters().reRateKnown()).isTrue();
        assertThat(second.reynolds().samples()).isEqualTo(1);
    }

    /**
     * End to end: a plant m·R̈e = f − γ (m = reInertia × mean mass) whose drive beats the largest Landau tax. Re
     * reaches the governor only through the event counts of each epoch's observation; the governor estimates
     * rate and drive itself. Unfiltered (γ_raw applied) Re runs past Re_max; filtered, it never reaches it.
     */
    @Test
    void shouldHoldReBelowReMaxEndToEndWhenTheBarrierFilters() {
        Plant unfiltered = runRePlant(false);
        Plant filtered = runRePlant(true);

        assertThat(unfiltered.maxRe).isGreaterThan(parameters.reMax());
        assertThat(filtered.maxRe).isLessThanOrEqualTo(parameters.reMax());
        assertThat(filtered.reBarrierEpochs).isPositive();
        assertThat(filtered.saturatedEpochs).isZero();
    }

    private Plant runRePlant(boolean applyFilteredGamma) {
        double mass = 30, m = parameters.reInertiaSecondsSquaredPerMass() * mass, drive = 0.9;
        double re = 2.0, rate = 0.0, applied = 0.0;
        Plant plant = new Plant();
        GovernorDecision previous = null;
        for (long epoch = 1; epoch <= 150; epoch++) {
            double acc = (drive - applied) / m;
            for (int s = 0; s < 60; s++) {
                re += rate + 0.5 * acc;
                rate += acc;
                plant.maxRe = Math.max(plant.maxRe, re);
            }
            if (re < 0) break;
            EpochObservation obs = Observations.base().epoch(epoch).mass(mass)
                    .reynolds(Math.round(re * 1e9), 1_000_000_000L).utilisation(0.6).queued(10).build();
            GovernorDecision d = previous == null ? governor.decide(obs) : governor.decide(obs, previous);
            if (d.activeConstraint().kind() == ConstraintKind.REYNOLDS_BARRIER) plant.reBarrierEpochs++;
            if (d.activeConstraint().saturated()) plant.saturatedEpochs++;
            applied = applyFilteredGamma ? d.gamma() : d.gammaRaw();
            previous = d;
        }
        return plant;
    }

    /** End to end for a rack budget: the telemetry reports P, Ṗ and P̈; Re stays put. */
    @Test
    void shouldHoldARackUnderItsCapEndToEndAndNameIt() {
        double cap = 40_000, inertia = parameters.powerInertiaSecondsSquared(), drive = 0.8;
        double p = 20_000, pRate = 0, applied = 0, maxP = 0;
        int rackEpochs = 0;
        GovernorDecision previous = null;
        for (long epoch = 1; epoch <= 120; epoch++) {
            double acc = cap * (drive - applied) / inertia;
            for (int s = 0; s < 60; s++) {
                p += pRate + 0.5 * acc;
                pRate += acc;
                maxP = Math.max(maxP, p);
            }
            List<PowerBudgetReading> budgets = List.of(
                    new PowerBudgetReading("row-0", Level.ROW, 1_000_000, 300_000, 0, 0),
                    new PowerBudgetReading("rack-7", Level.RACK, cap, p, pRate, acc));
            EpochObservation obs = Observations.base().epoch(epoch).reynolds(150, 100).utilisation(0.7).power(budgets).build();
            GovernorDecision d = previous == null ? governor.decide(obs) : governor.decide(obs, previous);
            if (d.activeConstraint().equals(new ActiveConstraint(ConstraintKind.POWER_BARRIER, "rack-7", false))) rackEpochs++;
            assertThat(d.barriers()).extracting(BarrierBound::name).containsExactly("re", "row-0", "rack-7");
            applied = d.gamma();
            previous = d;
        }

        assertThat(maxP).isLessThanOrEqualTo(cap);
        assertThat(rackEpochs).isPositive();
        assertThat(applied).as("γ holding the rack at its cap balances its drive").isLessThan(parameters.gammaMax());
    }

    static final class Plant {
        double maxRe = Double.NEGATIVE_INFINITY;
        int reBarrierEpochs;
        int saturatedEpochs;
    }
}
