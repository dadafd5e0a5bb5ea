package io.teg.agent;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LangevinIntegratorTest {

    /** Round-off allowance of the energy checks, relative to the flight's initial energy. */
    private static final double ROUND_OFF = 1e-12;

    private static final SplittableRandom UNUSED = new SplittableRandom(0);

    @Test
    void shouldSettleAtTheBowlMinimumWhenNoiseIsOffAndDampingIsOn() {
        AnalyticLandscape.QuadraticBowl bowl = AnalyticLandscape.bowl(3, -2, 1.0);
        Agent agent = new Agent(2.0, 0.0);
        LangevinIntegrator integrator = new LangevinIntegrator(0.1, 2.0, 0.0);

        AgentState end = integrator.walk(agent, bowl, AgentState.atRest(10, 5), 600, UNUSED);

        assertThat(end.xM()).isCloseTo(3, within(1e-6));
        assertThat(end.yM()).isCloseTo(-2, within(1e-6));
        assertThat(end.speed()).isLessThan(1e-6);
    }

    @Test
    void shouldRestAtTheSameMinimumWithAndWithoutMagneticFieldWhenTheFlightSettles() {
        AnalyticLandscape.QuadraticBowl plain = AnalyticLandscape.bowl(3, -2, 1.0);
        AnalyticLandscape.QuadraticBowl magnetic = plain.withUniformBz(2.0);
        Agent agent = new Agent(2.0, 1.0);
        LangevinIntegrator integrator = new LangevinIntegrator(0.1, 2.0, 0.0);
        AgentState start = AgentState.atRest(10, 5);

        AgentState midPlain = integrator.walk(agent, plain, start, 20, UNUSED);
        AgentState midMagnetic = integrator.walk(agent, magnetic, start, 20, UNUSED);
        AgentState endPlain = integrator.walk(agent, plain, start, 3000, UNUSED);
        AgentState endMagnetic = integrator.walk(agent, magnetic, start, 3000, UNUSED);

        assertThat(Math.hypot(midPlain.xM() - midMagnetic.xM(), midPlain.yM() - midMagnetic.yM()))
                .as("the Lorentz force bends the transient path").isGreaterThan(0.5);
        assertThat(endMagnetic.xM()).isCloseTo(endPlain.xM(), within(1e-6));
        assertThat(endMagnetic.yM()).isCloseTo(endPlain.yM(), within(1e-6));
        assertThat(endMagnetic.xM()).isCloseTo(3, within(1e-6));
        assertThat(endMagnetic.yM()).isCloseTo(-2, within(1e-6));
    }

    @Test
    void shouldStayExactlyAtAnEquilibriumWhateverTheMagneticFieldWhenStartedThereAtRest() {
        double[] cx = {0, 4};
        double[] cy = {0, 0};
        AnalyticLandscape.GaussianWells wells = AnalyticLandscape.wells(cx, cy, new double[]{1, 1}, new double[]{1, 1});
        LangevinIntegrator integrator = new LangevinIntegrator(0.2, 0.5, 0.0);
        AgentState saddle = AgentState.atRest(2, 0);

        for (double bz : new double[]{0, 0.3, -5}) {
            AgentState after = integrator.walk(new Agent(1.5, 2.0), wells.withUniformBz(bz), saddle, 100, UNUSED);
            assertThat(after).as("rest point at B_z = %s", bz).isEqualTo(saddle);
        }
    }

    @Test
    void shouldNeverRaiseTheTotalEnergyWhenDampedWithoutNoise() {
        AnalyticLandscape.QuadraticBowl bowl = AnalyticLandscape.bowl(1, 1, 1.0).withStiffness(1.0, 4.0).withUniformBz(0.7);
        Agent agent = new Agent(2.0, 3.0);
        double gamma = 1.0;
        double h = 0.9 * LangevinIntegrator.maxEnergyStableStepS(bowl.curvatureBound(), agent.mass(), gamma);
        assertThat(LangevinIntegrator.energyNonIncreasing(bowl.curvatureBound(), agent.mass(), gamma, h)).isTrue();
        LangevinIntegrator integrator = new LangevinIntegrator(h, gamma, 0.0);

        AgentState s = new AgentState(-6, 4, 2, -1);
        double e0 = s.energy(agent, bowl);
        double previous = e0;
        for (int n = 0; n < 2000; n++) {
            s = integrator.step(agent, bowl, s, UNUSED);
            double e = s.energy(agent, bowl);
            assertThat(e).as("energy at step %d", n + 1).isLessThanOrEqualTo(previous + ROUND_OFF * e0);
            previous = e;
        }
        assertThat(previous).as("energy dissipated").isLessThan(1e-6 * e0);
    }

    @Test
    void shouldNeverRaiseTheTotalEnergyOnGaussianWellsWhenTheStepMeetsTheBound() {
        AnalyticLandscape.GaussianWells wells = AnalyticLandscape.wells(
                new double[]{0, 3, -2, 1}, new double[]{0, 1, 2, -3},
                new double[]{2, 1.5, -1, 0.8}, new double[]{1.0, 0.7, 1.5, 0.5}).withUniformBz(-1.3);
        Agent agent = new Agent(0.7, 1.2);
        double gamma = 0.3;
        double h = LangevinIntegrator.maxEnergyStableStepS(wells.curvatureBound(), agent.mass(), gamma);
        LangevinIntegrator integrator = new LangevinIntegrator(h, gamma, 0.0);

        AgentState s = new AgentState(2.5, -1.5, -1, 1.5);
        double scale = Math.abs(s.energy(agent, wells)) + 5.3;
        double previous = s.energy(agent, wells);
        for (int n = 0; n < 5000; n++) {
            s = integrator.step(agent, wells, s, UNUSED);
            double e = s.energy(agent, wells);
            assertThat(e).as("energy at step %d", n + 1).isLessThanOrEqualTo(previous + ROUND_OFF * scale);
            previous = e;
        }
    }

    @Test
    void shouldRaiseTheEnergyAtSomeStepWhenTheStepBreaksTheBound() {
        AnalyticLandscape.QuadraticBowl bowl = AnalyticLandscape.bowl(0, 0, 1.0);
        Agent agent = new Agent(1.0, 0.0);
        double gamma = 0.05;
        double h = 1.5;
        assertThat(LangevinIntegrator.energyNonIncreasing(bowl.curvatureBound(), agent.mass(), gamma, h)).isFalse();
        LangevinIntegrator integrator = new LangevinIntegrator(h, gamma, 0.0);

        AgentState s = AgentState.atRest(5, 0);
        double previous = s.energy(agent, bowl);
        int rises = 0;
        for (int n = 0; n < 50; n++) {
            s = integrator.step(agent, bowl, s, UNUSED);
            double e = s.energy(agent, bowl);
            if (e > previous * (1 + 1e-6)) rises++;
            previous = e;
        }
        assertThat(rises).isPositive();
    }

    @Test
    void shouldSolveTheEnergyBoundForTheLargestStep() {
        double h = LangevinIntegrator.maxEnergyStableStepS(4.0, 2.0, 1.0);

        assertThat(h).isBetween(0.44, 0.45);
        assertThat(LangevinIntegrator.energyNonIncreasing(4.0, 2.0, 1.0, h)).isTrue();
        assertThat(LangevinIntegrator.energyNonIncreasing(4.0, 2.0, 1.0, h * 1.001)).isFalse();
        assertThat(LangevinIntegrator.maxEnergyStableStepS(0.0, 2.0, 1.0)).isInfinite();
        assertThat(LangevinIntegrator.maxEnergyStableStepS(4.0, 2.0, 0.0)).isZero();
    }

    @Test
    void shouldDeflectHighChargeAgentsMoreThanHeavyAgentsWhenCrossingAUniformField() {
        double bz = 0.05;
        AnalyticLandscape flat = AnalyticLandscape.flat().withUniformBz(bz);
        LangevinIntegrator integrator = new LangevinIntegrator(0.1, 0.0, 0.0);
        Agent latencyCritical = new Agent(1.0, 4.0);
        Agent whale = new Agent(8.0, 1.0);
        AgentState enter = new AgentState(0, 0, 1, 0);

        AgentState a = integrator.walk(latencyCritical, flat, enter, 50, UNUSED);
        AgentState b = integrator.walk(whale, flat, enter, 50, UNUSED);
        double deflectionA = Math.atan2(a.vyMPerS(), a.vxMPerS());
        double deflectionB = Math.atan2(b.vyMPerS(), b.vxMPerS());

        assertThat(Math.abs(deflectionA)).isGreaterThan(10 * Math.abs(deflectionB));
        assertThat(deflectionA).isCloseTo(-50 * 4.0 * bz * 0.1 / 1.0, within(1e-9));
        assertThat(deflectionB).isCloseTo(-50 * 1.0 * bz * 0.1 / 8.0, within(1e-9));
    }

    @Test
    void shouldKeepTheSpeedWhenOnlyTheMagneticFieldActs() {
        AnalyticLandscape flat = AnalyticLandscape.flat().withUniformBz(1.7);
        LangevinIntegrator integrator = new LangevinIntegrator(0.05, 0.0, 0.0);

        AgentState end = integrator.walk(new Agent(0.3, 2.5), flat, new AgentState(0, 0, 3, -4), 10_000, UNUSED);

        assertThat(end.speed()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void shouldSettleWhereTheMovingMinimumWillBeWhenLookingAhead() {
        AnalyticLandscape.QuadraticBowl now = AnalyticLandscape.bowl(0, 0, 1.0).withDrift(0.1, -0.05);
        AnalyticLandscape.QuadraticBowl ahead = now.ahead(60);
        LangevinIntegrator integrator = new LangevinIntegrator(0.1, 2.0, 0.0);

        AgentState end = integrator.walk(new Agent(1.0, 0.0), ahead, AgentState.atRest(-3, 2), 1000, UNUSED);

        assertThat(ahead.minimumX()).isEqualTo(6.0, within(1e-12));
        assertThat(end.xM()).isCloseTo(6.0, within(1e-6));
        assertThat(end.yM()).isCloseTo(-3.0, within(1e-6));
    }

    @Test
    void shouldWalkExactlyAsRepeatedStepsWhenGivenTheSameRandomSource() {
        AnalyticLandscape wells = AnalyticLandscape.wells(new double[]{0, 2}, new double[]{1, -1},
                new double[]{1, 0.5}, new double[]{1, 2}).withUniformBz(0.4);
        LangevinIntegrator integrator = new LangevinIntegrator(0.1, 0.8, 0.2);
        Agent agent = new Agent(1.3, 0.9);
        AgentState start = AgentState.atRest(1, 1);

        AgentState walked = integrator.walk(agent, wells, start, 40, new SplittableRandom(7));
        SplittableRandom random = new SplittableRandom(7);
        AgentState stepped = start;
        for (int n = 0; n < 40; n++) stepped = integrator.step(agent, wells, stepped, random);

        assertThat(walked).isEqualTo(stepped);
        assertThat(walked).isNotEqualTo(integrator.walk(agent, wells, start, 40, new SplittableRandom(8)));
    }

    @Test
    void shouldThermaliseAtTheTemperatureWhenNoiseIsOn() {
        double mass = 2.0;
        double gamma = 1.0;
        double temperature = 0.5;
        double h = 0.1;
        LangevinIntegrator integrator = new LangevinIntegrator(h, gamma, temperature);
        Agent agent = new Agent(mass, 0.0);
        AnalyticLandscape flat = AnalyticLandscape.flat();
        SplittableRandom random = new SplittableRandom(11);

        AgentState s = AgentState.atRest(0, 0);
        for (int n = 0; n < 2_000; n++) s = integrator.step(agent, flat, s, random);
        double sum = 0;
        int samples = 400_000;
        for (int n = 0; n < samples; n++) {
            s = integrator.step(agent, flat, s, random);
            sum += mass * (s.vxMPerS() * s.vxMPerS() + s.vyMPerS() * s.vyMPerS()) / 2;
        }

        double expected = Math.exp(-gamma * h / mass) * temperature;
        assertThat(sum / samples).isCloseTo(expected, within(0.04 * expected));
    }

    @Test
    void shouldRefuseAnUnphysicalStepDampingOrTemperature() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LangevinIntegrator(0, 1, 0))
                .hasMessageContaining("stepS").hasMessageContaining("(0, ∞)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LangevinIntegrator(1, -0.1, 0))
                .hasMessageContaining("damping").hasMessageContaining("[0, ∞)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LangevinIntegrator(1, 1, Double.NaN))
                .hasMessageContaining("temperature");
    }
}
