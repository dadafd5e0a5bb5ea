package io.teg.sim.teg;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import io.teg.sim.physics.Calibration;
import io.teg.sim.physics.DataCenterPlant;
import io.teg.sim.physics.JobProfile;
import io.teg.sim.physics.MemoryTrajectory;
import io.teg.sim.physics.PhysicsParameters;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * TEG's node power caps on the real plant, in a hand-made room with round numbers: one 20-core node, idle 80 W,
 * 60 W of dynamic power per unit of intensity, nameplate 200 W; thermal resistance 0.1 K/W, inlet 27 &deg;C (no
 * recirculation), time constant 300 s, steps of 60 s. It throttles to 0.6 above 38 &deg;C and returns to full clock
 * below 36 &deg;C. Its rack PDU is capped at 0.46 x 200 = 92 W; the row and zone feeds do not bind.
 */
class NodePowerCapsTest {

    private static final Calibration CAL = new Calibration(4, 40, 100, new double[] {0.5, 1.0, 1.5, 2.0},
            40, 1, 0.05, 400, 1, 50, 500, 1, 25, 1);
    private static final TaskShape FULL_NODE = TaskShape.cpu(20_000, 1024);
    private static final JobProfile HOT_JOB = profile(2.0);
    /** 15 W at full clock, 9 W throttled. */
    private static final JobProfile LIGHT_JOB = profile(0.25);
    private static final long STEP_S = 60;

    private static JobProfile profile(double intensity) {
        return new JobProfile(intensity, new MemoryTrajectory(100, 0.5, new long[] {0}, new long[] {100}));
    }

    @Test
    void shouldKeepTheRackUnderItsCapWhenAThrottledNodeReturnsToFullClock() {
        Topology room = new Topology(List.of(NodeSpec.cpuOnly("n0", 20_000, 65_536)),
                new Layout(1, 1, 1, 1, 0.6, 0.09, 2.4, 3));
        PhysicsParameters p = PhysicsParameters.builder().recirculationShare(0).throttleC(38).throttleReleaseC(36)
                .throttleSpeed(0.6).thermalTimeConstantS(300).rackCapShare(0.46).rowCapShare(1).zoneCapShare(1)
                .build();
        DataCenterPlant plant = new DataCenterPlant(room, p, CAL);
        assertThat(plant.rackCapW(0)).isCloseTo(92.0, within(1e-9));
        // before the agent caps: a hot job (200 W, T_eq 47 C) heats the node past 38 C and it throttles
        plant.taskStarted(0, FULL_NODE, HOT_JOB);
        plant.advance(0, 0);
        long t = 0;
        while (!plant.isThrottled(0) && t < 36_000) {
            t += STEP_S;
            plant.advance(t, STEP_S);
        }
        assertThat(plant.isThrottled(0)).isTrue();
        // a light job follows: throttled it draws 80 + 9 = 89 W (T_eq 35.9 C < 36 C), so the node cools until it
        // returns to full clock, where it would draw 80 + 15 = 95 W: over the 92 W cap unless it is capped for that
        plant.taskEnded(0, FULL_NODE, HOT_JOB);
        plant.taskStarted(0, FULL_NODE, LIGHT_JOB);
        NodePowerCaps caps = new NodePowerCaps(room, plant);
        caps.apply(plant);
        t += STEP_S;
        plant.advance(t, STEP_S); // this step still draws the hot job's throttled 152 W
        long violationsBefore = plant.totals().powerViolations();

        boolean returnedToFullClock = false;
        for (int s = 0; s < 100; s++) {
            caps.apply(plant);
            t += STEP_S;
            plant.advance(t, STEP_S);
            assertThat(plant.rackPowerW(0)).as("rack power in the step ending at %d s", t)
                    .isLessThanOrEqualTo(plant.rackCapW(0) * (1 - NodePowerCaps.MARGIN) + 1e-9);
            returnedToFullClock |= !plant.isThrottled(0);
        }

        assertThat(returnedToFullClock).as("the node left throttling while capped").isTrue();
        assertThat(plant.totals().powerViolations()).isEqualTo(violationsBefore);
        assertThat(plant.capShare(0)).as("capped for full clock: (0.99 x 92 - 80) / 15")
                .isCloseTo((0.99 * 92 - 80) / 15, within(1e-9));
    }

    @Test
    void shouldPlanForTheFullClockDemandWhenTheNodeIsThrottled() {
        // throttled to 0.6 and capped to half its demand: speed 0.6 x 0.5^(1/3), demand 0.6 x 60 W
        double speed = 0.6 * Math.cbrt(0.5);
        assertThat(NodePowerCaps.fullClockDemandW(36.0, speed, 0.5)).isCloseTo(60.0, within(1e-9));
        assertThat(NodePowerCaps.fullClockDemandW(36.0, 0.6, 1.0)).isCloseTo(60.0, within(1e-9));
        // at full clock the demand is kept as it is, capped or not
        assertThat(NodePowerCaps.fullClockDemandW(60.0, Math.cbrt(0.5), 0.5)).isEqualTo(60.0);
        assertThat(NodePowerCaps.fullClockDemandW(60.0, 1.0, 1.0)).isEqualTo(60.0);
    }
}
