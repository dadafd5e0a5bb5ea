package io.teg.node.airlock;

import io.teg.node.airlock.AirlockAction.ClearMemoryHigh;
import io.teg.node.airlock.AirlockAction.Evacuate;
import io.teg.node.airlock.AirlockAction.Freeze;
import io.teg.node.airlock.AirlockAction.SetMemoryHigh;
import io.teg.node.airlock.AirlockAction.Thaw;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.teg.node.airlock.TenantObservation.NO_HIGH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AirlockTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** 1000 MiB node, 5 % reserve: U = 950 MiB. */
    private static final long C = 1000;
    private final Airlock airlock = new Airlock(AirlockParameters.DEFAULTS);

    private static TenantObservation job(long id, long request, long usage, long high, boolean growing, boolean frozen,
                                         double strength) {
        return new TenantObservation(id, request, usage, high, growing, frozen, strength);
    }

    private static NodeObservation node(long atS, TenantObservation... ts) {
        return new NodeObservation(T0.plusSeconds(atS), C, true, List.of(ts));
    }

    @Test
    void shouldDoNothingWhenTheNodeIsBelowTheGlassyLine() {
        AirlockStep s = airlock.step(AirlockState.calm(T0), node(0, job(1, 300, 400, NO_HIGH, true, false, 1.0)));

        assertThat(s.actions()).isEmpty();
        assertThat(s.state().phase()).isEqualTo(AirlockPhase.CALM);
    }

    @Test
    void shouldShareTheHeadroomAsMemoryHighWhenTheNodeTurnsGlassy() {
        // used 900 >= 0.9 * 950 = 855; H = 50, two running jobs: slice 25
        AirlockStep s = airlock.step(AirlockState.calm(T0), node(0,
                job(1, 300, 500, NO_HIGH, true, false, 1.0),
                job(2, 450, 400, NO_HIGH, false, false, 2.0)));

        assertThat(s.state().phase()).isEqualTo(AirlockPhase.GLASSY);
        assertThat(s.actions()).containsExactly(new SetMemoryHigh(1, 525), new SetMemoryHigh(2, 450));
    }

    @Test
    void shouldClearMemoryHighWhenTheNodeFallsBelowTheExitLine() {
        AirlockState glassy = airlock.step(AirlockState.calm(T0), node(0,
                job(1, 300, 900, NO_HIGH, true, false, 1.0))).state();

        AirlockStep s = airlock.step(glassy, node(10, job(1, 300, 700, 950, false, false, 1.0)));

        assertThat(s.state().phase()).isEqualTo(AirlockPhase.CALM);
        assertThat(s.actions()).containsExactly(new ClearMemoryHigh(1));
    }

    @Test
    void shouldRunTheFourStepsInOrderWhenTwoJobsPressOnAFullNode() {
        AirlockState glassy = new AirlockState(AirlockPhase.GLASSY, -1, false, List.of(), EvacuationMode.CHECKPOINT, T0);

        // both at their memory.high, growing, no headroom: job 2 pays less per MiB and is the weaker
        AirlockStep s1 = airlock.step(glassy, node(1,
                job(1, 400, 500, 500, true, false, 3.0),
                job(2, 400, 450, 450, true, false, 1.0)));
        assertThat(s1.actions()).containsExactly(new Freeze(2, true));
        assertThat(s1.state().phase()).isEqualTo(AirlockPhase.WEAKER_FROZEN);
        assertThat(s1.state().strongerId()).isEqualTo(1);

        // the stronger keeps pressing with no room: freeze it too, then evacuate the weaker with the reserve
        AirlockStep s2 = airlock.step(s1.state(), node(2,
                job(1, 400, 510, 510, true, false, 3.0),
                job(2, 400, 440, 450, false, true, 1.0)));
        assertThat(s2.actions()).as("the stronger is frozen without a push to swap: it is thawed as soon as the weaker has left")
                .containsExactly(new Freeze(1, false), new Evacuate(2, EvacuationMode.CHECKPOINT, 50));
        assertThat(s2.state().phase()).isEqualTo(AirlockPhase.EVACUATING);

        // still there: wait, do not thaw
        AirlockStep s3 = airlock.step(s2.state(), node(3,
                job(1, 400, 510, 510, false, true, 3.0),
                job(2, 400, 440, 450, false, true, 1.0)));
        assertThat(s3.actions()).isEmpty();

        // the weaker has left: thaw the stronger and give it the room
        AirlockStep s4 = airlock.step(s3.state(), node(4, job(1, 400, 800, 800, false, true, 3.0)));
        assertThat(s4.actions()).containsExactly(new Thaw(1), new SetMemoryHigh(1, 950));
        assertThat(s4.state().phase()).isEqualTo(AirlockPhase.GLASSY);
    }

    @Test
    void shouldEvacuateWithoutFreezingTheStrongerWhenItStopsPressing() {
        AirlockState s1 = airlock.step(new AirlockState(AirlockPhase.GLASSY, -1, false, List.of(),
                EvacuationMode.CHECKPOINT, T0), node(1,
                job(1, 400, 500, 500, true, false, 3.0),
                job(2, 400, 450, 450, true, false, 1.0))).state();

        AirlockStep s2 = airlock.step(s1, node(2,
                job(1, 400, 500, 500, false, false, 3.0),
                job(2, 400, 300, 450, false, true, 1.0)));

        assertThat(s2.actions()).containsExactly(new Evacuate(2, EvacuationMode.CHECKPOINT, 50));
        assertThat(s2.state().strongerFrozen()).isFalse();
    }

    @Test
    void shouldFreezeTheYoungerJobWhenBothPayTheSame() {
        AirlockStep s = airlock.step(new AirlockState(AirlockPhase.GLASSY, -1, false, List.of(),
                EvacuationMode.CHECKPOINT, T0), new NodeObservation(T0, C, false, List.of(
                job(7, 400, 475, 475, true, false, 2.0),
                job(9, 400, 475, 475, true, false, 2.0))));

        assertThat(s.actions()).containsExactly(new Freeze(9, false));
        assertThat(s.state().strongerId()).isEqualTo(7);
    }

    @Test
    void shouldThawTheWeakerInsteadWhenTheStrongerLeavesBeforeTheEvacuation() {
        AirlockState s1 = airlock.step(new AirlockState(AirlockPhase.GLASSY, -1, false, List.of(),
                EvacuationMode.CHECKPOINT, T0), node(1,
                job(1, 400, 500, 500, true, false, 3.0),
                job(2, 400, 450, 450, true, false, 1.0))).state();

        AirlockStep s2 = airlock.step(s1, node(2, job(2, 400, 800, 800, false, true, 1.0)));

        assertThat(s2.actions()).startsWith(new Thaw(2)).noneMatch(a -> a instanceof Evacuate);
        assertThat(s2.state().phase()).isEqualTo(AirlockPhase.GLASSY);
    }

    @Test
    void shouldEscalateTheEvacuationModeWhenTheWeakerDoesNotLeaveInTime() {
        AirlockState s = new AirlockState(AirlockPhase.EVACUATING, 1, true, List.of(2L), EvacuationMode.CHECKPOINT, T0);
        NodeObservation stuck = node(300, job(1, 400, 500, 500, false, true, 3.0), job(2, 400, 450, 450, false, true, 1.0));

        AirlockStep early = airlock.step(s, node(299, job(1, 400, 500, 500, false, true, 3.0),
                job(2, 400, 450, 450, false, true, 1.0)));
        AirlockStep first = airlock.step(s, stuck);
        AirlockStep second = airlock.step(first.state(), node(600, job(1, 400, 500, 500, false, true, 3.0),
                job(2, 400, 450, 450, false, true, 1.0)));

        assertThat(early.actions()).isEmpty();
        assertThat(first.actions()).containsExactly(new Evacuate(2, EvacuationMode.REQUEUE, 50));
        assertThat(second.actions()).containsExactly(new Evacuate(2, EvacuationMode.KILL, 50));
    }

    @Test
    void shouldFreezeAndEvacuateAThirdJobWhenItPressesWhileTheAirlockIsOpen() {
        AirlockState s = new AirlockState(AirlockPhase.EVACUATING, 1, false, List.of(2L), EvacuationMode.CHECKPOINT, T0);

        AirlockStep step = airlock.step(s, node(10,
                job(1, 300, 400, 400, false, false, 3.0),
                job(2, 200, 250, 250, false, true, 1.0),
                job(3, 200, 300, 300, true, false, 5.0)));

        assertThat(step.actions()).containsExactly(new Freeze(3, true), new Evacuate(3, EvacuationMode.CHECKPOINT, 50));
        assertThat(step.state().weakerIds()).containsExactly(2L, 3L);
    }

    @Test
    void shouldRejectBadObservationsWithTheJobAndTheValue() {
        assertThatThrownBy(() -> job(4, -1, 0, NO_HIGH, false, false, 0))
                .hasMessageContaining("job 4").hasMessageContaining("requestMiB");
        assertThatThrownBy(() -> node(0, job(4, 1, 0, NO_HIGH, false, false, 0), job(4, 1, 0, NO_HIGH, false, false, 0)))
                .hasMessageContaining("job 4 observed twice");
        assertThatThrownBy(() -> new AirlockParameters(0.05, 0.8, 0.9, Duration.ofSeconds(1)))
                .hasMessageContaining("glassyExitFraction");
    }
}
