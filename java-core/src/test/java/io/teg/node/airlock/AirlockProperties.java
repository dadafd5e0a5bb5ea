package io.teg.node.airlock;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The airlock driven by a small node whose jobs grow, shrink, arrive and finish at random, with the kernel's
 * memory.high semantics (a job never grows past its high) and drivers that obey the actions.
 */
class AirlockProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long C = 1000;

    /** One simulated job on the node. */
    private static final class Job {
        final long id;
        final long request;
        final double strength;
        long usage;
        long high = TenantObservation.NO_HIGH;
        boolean frozen;
        boolean growing;
        boolean evacuating;

        Job(long id, long request, long usage, double strength) {
            this.id = id;
            this.request = request;
            this.usage = usage;
            this.strength = strength;
        }

        TenantObservation observe() {
            return new TenantObservation(id, request, usage, high, growing, frozen, strength);
        }
    }

    private static final class Node {
        final SplittableRandom rnd;
        final boolean compliant;
        final List<Job> jobs = new ArrayList<>();
        long nextId = 1;

        Node(long seed, boolean compliant) {
            this.rnd = new SplittableRandom(seed);
            this.compliant = compliant;
        }

        NodeObservation observe(long t) {
            return new NodeObservation(T0.plusSeconds(t * 30), C, true, jobs.stream().map(Job::observe).toList());
        }

        void apply(List<AirlockAction> actions) {
            for (AirlockAction a : actions) {
                Job j = jobs.stream().filter(x -> x.id == a.jobId()).findFirst().orElseThrow();
                switch (a) {
                    case AirlockAction.Freeze f -> { j.frozen = true; j.growing = false; }
                    case AirlockAction.Thaw th -> j.frozen = false;
                    case AirlockAction.SetMemoryHigh h -> j.high = h.highMiB();
                    case AirlockAction.ClearMemoryHigh c -> j.high = TenantObservation.NO_HIGH;
                    case AirlockAction.Evacuate e -> j.evacuating = true;
                }
            }
        }

        /** The world moves: evacuated jobs leave (when compliant), running jobs ask for memory, jobs come and go. */
        void advance() {
            jobs.removeIf(j -> j.evacuating && (compliant || rnd.nextInt(4) == 0));
            for (Job j : jobs) {
                if (j.frozen) { j.growing = false; continue; }
                long want = j.usage + rnd.nextLong(-40, 120);
                want = Math.max(0, want);
                j.growing = want > j.usage;
                long room = C - used() + j.usage;
                j.usage = Math.min(Math.min(want, j.high), room);
            }
            if (jobs.size() < 5 && rnd.nextInt(3) == 0) {
                long req = rnd.nextLong(50, 300);
                if (used() + req / 2 <= C)
                    jobs.add(new Job(nextId++, req, req / 2, rnd.nextInt(4) / 2.0));
            }
            if (!jobs.isEmpty() && rnd.nextInt(8) == 0) {
                Job j = jobs.get(rnd.nextInt(jobs.size()));
                if (!j.frozen) jobs.remove(j);
            }
        }

        long used() {
            return jobs.stream().mapToLong(j -> j.usage).sum();
        }
    }

    @Property(tries = 300)
    void shouldNeverLeaveTwoJobsPressingOnAnExhaustedNode(@ForAll long seed, @ForAll boolean compliant) {
        Airlock airlock = new Airlock(AirlockParameters.DEFAULTS);
        Node node = new Node(seed, compliant);
        AirlockState state = AirlockState.calm(T0);
        boolean evacuatedAny = false;
        for (int t = 0; t < 200; t++) {
            NodeObservation o = node.observe(t);
            AirlockStep step = airlock.step(state, o);
            evacuatedAny |= step.actions().stream().anyMatch(a -> a instanceof AirlockAction.Evacuate);
            NodeObservation view = Airlock.after(o, step.actions());
            if (airlock.exhausted(view))
                assertThat(view.tenants().stream().filter(TenantObservation::pressing).count())
                        .as("running jobs pressing on an exhausted node at t=%d: %s", t, view)
                        .isLessThanOrEqualTo(1);
            node.apply(step.actions());
            state = step.state();
            node.advance();
        }
        Statistics.label("airlock evacuated a job").collect(evacuatedAny);
        Statistics.label("airlock evacuated a job").coverage(c -> c.check(true).percentage(p -> p > 20));
    }

    @Property(tries = 300)
    void shouldFreezeBeforeEvacuatingAndThawOnlyAfterTheEvacuatedHaveLeft(@ForAll long seed, @ForAll boolean compliant) {
        Airlock airlock = new Airlock(AirlockParameters.DEFAULTS);
        Node node = new Node(seed, compliant);
        AirlockState state = AirlockState.calm(T0);
        Set<Long> frozenByAirlock = new HashSet<>();
        Set<Long> evacuated = new HashSet<>();
        for (int t = 0; t < 200; t++) {
            NodeObservation o = node.observe(t);
            AirlockStep step = airlock.step(state, o);
            for (AirlockAction a : step.actions()) {
                switch (a) {
                    case AirlockAction.Freeze f -> frozenByAirlock.add(f.jobId());
                    case AirlockAction.Evacuate e -> assertThat(frozenByAirlock)
                            .as("job %d evacuated before it was frozen", e.jobId()).contains(e.jobId());
                    case AirlockAction.Thaw th -> {
                        assertThat(evacuated.stream().filter(id -> o.tenant(id).isPresent()))
                                .as("thaw of %d while evacuated jobs are still on the node", th.jobId()).isEmpty();
                        assertThat(evacuated).doesNotContain(th.jobId());
                        frozenByAirlock.remove(th.jobId());
                    }
                    default -> { }
                }
                if (a instanceof AirlockAction.Evacuate e) evacuated.add(e.jobId());
            }
            node.apply(step.actions());
            state = step.state();
            node.advance();
        }
    }

    @Property(tries = 300)
    void shouldLeaveTheEngagedPhasesUnlessNewJobsKeepJoiningWhenEvacuatedJobsLeave(
            @ForAll long seed, @ForAll @IntRange(min = 50, max = 300) int steps) {
        Airlock airlock = new Airlock(AirlockParameters.DEFAULTS);
        Node node = new Node(seed, true);
        AirlockState state = AirlockState.calm(T0);
        int withoutProgress = 0;
        Set<Long> involved = new HashSet<>();
        for (int t = 0; t < steps; t++) {
            AirlockStep step = airlock.step(state, node.observe(t));
            node.apply(step.actions());
            AirlockState next = step.state();
            if (!next.phase().engaged()) {
                withoutProgress = 0;
                involved.clear();
            } else {
                boolean grew = involved.add(next.strongerId()) | involved.addAll(next.weakerIds());
                boolean moved = next.phase() != state.phase();
                withoutProgress = grew || moved ? 0 : withoutProgress + 1;
            }
            assertThat(withoutProgress).as("engaged without progress for %d observations at t=%d: %s",
                    withoutProgress, t, next).isLessThanOrEqualTo(1);
            state = next;
            node.advance();
        }
        if (!state.phase().engaged())
            assertThat(node.jobs.stream().filter(j -> j.frozen && !j.evacuating))
                    .as("a job frozen by the airlock is left frozen after it closed").isEmpty();
    }
}
