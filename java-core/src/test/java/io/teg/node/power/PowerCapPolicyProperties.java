package io.teg.node.power;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the power-cap policy over random GPUs, demands, budgets and current caps. */
class PowerCapPolicyProperties {

    @Provide
    Arbitrary<List<GpuDemand>> gpus() {
        Arbitrary<GpuDemand> one = Combinators.combine(
                Arbitraries.longs().between(50_000, 200_000),
                Arbitraries.longs().between(0, 400_000),
                Arbitraries.longs().between(0, 800_000),
                Arbitraries.doubles().between(0, 1000).edgeCases(c -> c.add(0.0)))
                .as((min, span, cur, d) -> new GpuDemand(min, min + span, cur, d));
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 2000)
    void shouldKeepEveryCapWithinItsConstraintsWhenDeciding(@ForAll("gpus") List<GpuDemand> gpus,
            @ForAll @LongRange(min = 0, max = 6_000_000) long budget, @ForAll @LongRange(min = 1, max = 200_000) long step) {
        PowerCaps caps = new PowerCapPolicy(step).decide(budget, gpus);
        for (int i = 0; i < gpus.size(); i++) {
            assertThat(caps.capsMilliwatts().get(i)).isBetween(gpus.get(i).minMilliwatts(), gpus.get(i).maxMilliwatts());
        }
    }

    @Property(tries = 2000)
    void shouldNeverExceedTheBudgetWhenTheMinimaFitIt(@ForAll("gpus") List<GpuDemand> gpus,
            @ForAll @LongRange(min = 0, max = 6_000_000) long budget, @ForAll @LongRange(min = 1, max = 200_000) long step) {
        PowerCaps caps = new PowerCapPolicy(step).decide(budget, gpus);
        if (caps.budgetBelowFloor()) {
            assertThat(caps.totalMilliwatts()).as("all at their minimum").isEqualTo(caps.floorMilliwatts());
        } else {
            assertThat(caps.totalMilliwatts()).isLessThanOrEqualTo(budget);
        }
    }

    @Property(tries = 2000)
    void shouldRaiseNoCapByMoreThanOneStepAndCutFasterOnlyAsFarAsTheBudgetNeeds(@ForAll("gpus") List<GpuDemand> gpus,
            @ForAll @LongRange(min = 0, max = 6_000_000) long budget, @ForAll @LongRange(min = 1, max = 200_000) long step) {
        PowerCaps caps = new PowerCapPolicy(step).decide(budget, gpus);
        for (int i = 0; i < gpus.size(); i++) {
            GpuDemand g = gpus.get(i);
            long cur = Math.max(g.minMilliwatts(), Math.min(g.maxMilliwatts(), g.currentMilliwatts()));
            long cap = caps.capsMilliwatts().get(i);
            long target = caps.targetMilliwatts().get(i);
            assertThat(cap - cur).as("increase of GPU %d", i).isLessThanOrEqualTo(step);
            if (cur - cap > step) {
                assertThat(cap).as("a fast cut never goes below the target").isGreaterThanOrEqualTo(target);
                assertThat(caps.totalMilliwatts()).as("a fast cut stops where the budget is met")
                        .isEqualTo(Math.max(budget, caps.floorMilliwatts()));
            }
        }
    }

    @Property(tries = 1000)
    void shouldGiveTheGpuWithMoreDemandNoLessWhenTwoAreOtherwiseEqual(
            @ForAll @LongRange(min = 0, max = 600_000) long budget,
            @ForAll @LongRange(min = 0, max = 1000) long d1, @ForAll @LongRange(min = 0, max = 1000) long d2) {
        List<GpuDemand> gpus = List.of(new GpuDemand(100_000, 300_000, 200_000, d1), new GpuDemand(100_000, 300_000, 200_000, d2));
        PowerCaps caps = new PowerCapPolicy(Long.MAX_VALUE / 4).decide(budget, gpus);
        if (d1 >= d2) assertThat(caps.targetMilliwatts().get(0)).isGreaterThanOrEqualTo(caps.targetMilliwatts().get(1));
        else assertThat(caps.targetMilliwatts().get(0)).isLessThanOrEqualTo(caps.targetMilliwatts().get(1));
    }
}
