package io.teg.agent;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Theorem 4.2 in discrete time on random non-convex landscapes, random charges and fields. */
class EnergyProperties {

    private static final SplittableRandom UNUSED = new SplittableRandom(0);

    @Property(tries = 200)
    void shouldNeverRaiseTheEnergyAtAnyStepWhenTheStepMeetsTheBound(
            @ForAll("landscapes") AnalyticLandscape.GaussianWells wells,
            @ForAll @DoubleRange(min = 0.05, max = 20) double mass,
            @ForAll @DoubleRange(min = -10, max = 10) double charge,
            @ForAll @DoubleRange(min = 0.01, max = 5) double damping,
            @ForAll @DoubleRange(min = 0.05, max = 1.0) double stepFraction,
            @ForAll @DoubleRange(min = -6, max = 6) double x0,
            @ForAll @DoubleRange(min = -6, max = 6) double y0,
            @ForAll @DoubleRange(min = -3, max = 3) double vx0,
            @ForAll @DoubleRange(min = -3, max = 3) double vy0) {
        Agent agent = new Agent(mass, charge);
        double h = stepFraction * Math.min(5.0, LangevinIntegrator.maxEnergyStableStepS(wells.curvatureBound(), mass, damping));
        LangevinIntegrator integrator = new LangevinIntegrator(h, damping, 0.0);
        AgentState s = new AgentState(x0, y0, vx0, vy0);
        double previous = s.energy(agent, wells);
        double scale = Math.abs(previous) + wells.curvatureBound() + 1.0;
        for (int n = 0; n < 300; n++) {
            s = integrator.step(agent, wells, s, UNUSED);
            double e = s.energy(agent, wells);
            assertThat(e).as("energy at step %d", n + 1).isLessThanOrEqualTo(previous + 1e-12 * scale);
            previous = e;
        }
    }

    @Provide
    Arbitrary<AnalyticLandscape.GaussianWells> landscapes() {
        Arbitrary<Integer> count = Arbitraries.integers().between(1, 6);
        return count.flatMap(m -> Combinators.combine(
                Arbitraries.doubles().between(-5, 5).array(double[].class).ofSize(m),
                Arbitraries.doubles().between(-5, 5).array(double[].class).ofSize(m),
                Arbitraries.doubles().between(-3, 3).array(double[].class).ofSize(m),
                Arbitraries.doubles().between(0.3, 3).array(double[].class).ofSize(m),
                Arbitraries.doubles().between(-4, 4)
        ).as((cx, cy, depth, width, bz) -> AnalyticLandscape.wells(cx, cy, depth, width).withUniformBz(bz)));
    }
}
