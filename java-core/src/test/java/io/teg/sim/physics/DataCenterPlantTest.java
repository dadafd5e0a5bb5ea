package io.teg.sim.physics;

import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The plant on hand-made rooms with round numbers. The hand-made calibration gives a 20-core node: idle 40 + 40 =
 * 80 W, dynamic 60 W per unit intensity, intensities up to 2 so nameplate 40 + 60 x 2 + 40 = 200 W; exhaust rise at
 * nameplate 500 / 50 = 10 K (H = 20 W/K per node), die rise at nameplate 0.05 x 400 = 20 K (R = 0.1 K/W per node).
 */
class DataCenterPlantTest {

    private static final Calibration CAL = new Calibration(4, 40, 100, new double[] {0.5, 1.0, 1.5, 2.0},
            40, 1, 0.05, 400, 1, 50, 500, 1, 25, 1);
    private static final TaskShape FULL_NODE = TaskShape.cpu(20_000, 1024);
    private static final JobProfile MEAN_JOB = profile(1.0);
    private static final JobProfile HOT_JOB = profile(2.0);

    private static JobProfile profile(double intensity) {
        return new JobProfile(intensity, new MemoryTrajectory(100, 0.5, new long[] {0}, new long[] {100}));
    }

    private static Topology room(int nodes, Layout layout) {
        List<NodeSpec> specs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) specs.add(NodeSpec.cpuOnly("n" + i, 20_000, 65_536));
        return new Topology(specs, layout);
    }

    private static PhysicsParameters.Builder params() {
        return PhysicsParameters.builder();
    }

    @Test
    void shouldDrawIdleAndNameplatePowerFromCalibrationWhenBuilt() {
        DataCenterPlant plant = new DataCenterPlant(room(1, new Layout(1, 1, 1, 1, 0.6, 0.09, 2.4, 3)),
                params().build(), CAL);
        assertThat(plant.nodeIdleW(0)).isCloseTo(80.0, within(1e-9));
        assertThat(plant.nodeNameplateW(0)).isCloseTo(200.0, within(1e-9));
        plant.taskStarted(0, FULL_NODE, MEAN_JOB);
        assertThat(plant.nodePowerW(0)).isCloseTo(140.0, within(1e-9));
        plant.taskStarted(0, TaskShape.cpu(10_000, 1), HOT_JOB);
        assertThat(plant.nodePowerW(0)).isCloseTo(200.0, within(1e-9));
        plant.taskEnded(0, FULL_NODE, MEAN_JOB);
        plant.taskEnded(0, TaskShape.cpu(10_000, 1), HOT_JOB);
        assertThat(plant.nodePowerW(0)).isEqualTo(80.0);
    }

    @Test
    void shouldScaleCpuPowerByCoresAndAddDatasheetGpuPowerWhenNodeHasGpus() {
        NodeSpec gpuNode = new NodeSpec("g0", 40_000, 262_144, 8, "V100M32", 0);
        DataCenterPlant plant = new DataCenterPlant(new Topology(List.of(gpuNode), new Layout(1, 1, 1, 1, 0.6, 0.09, 2.4, 3)),
                params().gpuIdleShare(0.1).build(), CAL);
        // CPU side is 2 reference nodes: idle 160 W, nameplate 400 W; 8 V100: idle 8 x 30 W, nameplate 8 x 300 W
        assertThat(plant.nodeIdleW(0)).isCloseTo(160 + 240, within(1e-9));
        assertThat(plant.nodeNameplateW(0)).isCloseTo(400 + 2400, within(1e-9));
        plant.taskStarted(0, new TaskShape(40_000, 1, 8, 1000, 0), HOT_JOB);
        assertThat(plant.nodePowerW(0)).isCloseTo(plant.nodeNameplateW(0), within(1e-9));
        plant.taskEnded(0, new TaskShape(40_000, 1, 8, 1000, 0), HOT_JOB);
        // a half-GPU share at the mean intensity: 0.5 x 270 W / 2
        plant.taskStarted(0, new TaskShape(1_000, 1, 1, 500, 0), MEAN_JOB);
        assertThat(plant.nodePowerW(0) - plant.nodeIdleW(0)).isCloseTo(1_000.0 / 40_000 * 120 + 0.5 * 270 / 2, within(1e-9));
    }

    @Test
    void shouldRejectEndOfTaskWhenNoneRuns() {
        DataCenterPlant plant = new DataCenterPlant(room(2, Layout.DEFAULT), params().build(), CAL);
        assertThatThrownBy(() -> plant.taskEnded(1, FULL_NODE, MEAN_JOB)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldFollowClosedFormAndConvergeToEquilibriumWhenPowerIsConstant() {
        PhysicsParameters p = params().recirculationShare(0).thermalTimeConstantS(300).build();
        Layout one = new Layout(1, 1, 1, 1, 0.6, 0.09, 2.4, 3);
        DataCenterPlant big = new DataCenterPlant(room(1, one), p, CAL);
        DataCenterPlant small = new DataCenterPlant(room(1, one), p, CAL);
        // idle steady state: supply at the redline (no recirculation), T = 27 + 0.1 x 80
        assertThat(big.nodeInletC(0)).isCloseTo(27.0, within(1e-12));
        assertThat(big.nodeTemperatureC(0)).isCloseTo(35.0, within(1e-12));
        for (DataCenterPlant plant : List.of(big, small)) {
            plant.taskStarted(0, FULL_NODE, MEAN_JOB);
            plant.advance(0, 0); // the task's power counts from the next step on
        }
        double teq = 27 + 0.1 * 140;
        big.advance(600, 600);
        for (int s = 1; s <= 600; s++) small.advance(s, 1);
        double closedForm = teq + (35.0 - teq) * Math.exp(-600.0 / 300);
        assertThat(big.nodeTemperatureC(0)).isCloseTo(closedForm, within(1e-9));
        assertThat(small.nodeTemperatureC(0)).isCloseTo(closedForm, within(1e-9));
        big.advance(600 + 20 * 300, 20 * 300);
        assertThat(big.nodeTemperatureC(0)).isCloseTo(teq, within(1e-6));
    }

    @Test
    void shouldWarmChassisNeighbourMoreThanAnotherRowWhenOneNodeRunsHot() {
        // 2 nodes per chassis, 2 chassis per rack, 2 racks per row, 2 rows: 16 nodes in one zone
        Layout layout = new Layout(2, 2, 2, 2, 0.6, 0.09, 2.4, 3);
        DataCenterPlant plant = new DataCenterPlant(room(16, layout), params().recirculationShare(0.2).build(), CAL);
        plant.taskStarted(0, FULL_NODE, HOT_JOB);
        plant.advance(0, 0);
        plant.advance(60, 60);
        // exhaust rises: node 0 at 200 W -> 10 K, idle nodes 4 K.
        // node 1: 0.2 (1.0 x 10 + 0.8 x 4 + 0.5 x 4 + 0.2 x 4) / 2.5 = 1.28 K, the zone's largest -> supply 25.72
        // node 8 (other row): 0.2 (1.0 x 4 + 0.8 x 4 + 0.5 x 4 + 0.2 x (10 + 7 x 4) / 8) / 2.5 = 0.812 K
        assertThat(plant.zoneSupplyC(0)).isCloseTo(27 - 1.28, within(1e-9));
        assertThat(plant.nodeInletC(1)).isCloseTo(27.0, within(1e-9));
        assertThat(plant.nodeInletC(8)).isCloseTo(27 - 1.28 + 0.812, within(1e-9));
        assertThat(plant.nodeInletC(1)).isGreaterThan(plant.nodeInletC(8));
        assertThat(plant.rackMaxInletC(0)).isCloseTo(27.0, within(1e-9));
        assertThat(plant.totals().maxInletC()).isCloseTo(27.0, within(1e-9));
    }

    @Test
    void shouldThrottleWithHysteresisAndReportOnlyChangedNodesWhenTemperatureCrossesThresholds() {
        // T_eq: idle 35 C, busy 41 C, busy and throttled 27 + 0.1 (80 + 0.6 x 60) = 38.6 C
        PhysicsParameters p = params().recirculationShare(0).throttleC(38).throttleReleaseC(36).throttleSpeed(0.6)
                .thermalTimeConstantS(300).build();
        DataCenterPlant plant = new DataCenterPlant(room(2, new Layout(1, 2, 1, 1, 0.6, 0.09, 2.4, 3)), p, CAL);
        plant.taskStarted(0, FULL_NODE, MEAN_JOB);
        assertThat(plant.advance(0, 0)).isEmpty();
        long t = 0;
        int throttledSteps = 0;
        int[] changed;
        do { // heat up until the node passes 38 C
            t += 60;
            changed = plant.advance(t, 60);
            if (plant.isThrottled(0) && changed.length == 0) throttledSteps++;
        } while (changed.length == 0 && t < 36_000);
        assertThat(changed).containsExactly(0);
        assertThat(plant.nodeTemperatureC(0)).isGreaterThan(38);
        assertThat(plant.speed(0)).isEqualTo(0.6);
        assertThat(plant.speed(1)).isEqualTo(1.0);
        // throttled power settles at 38.6 C: between the thresholds, the node stays throttled
        for (int s = 0; s < 100; s++) {
            t += 60;
            assertThat(plant.advance(t, 60)).isEmpty();
            throttledSteps++;
        }
        assertThat(plant.nodeTemperatureC(0)).isBetween(36.0, 38.6);
        assertThat(plant.nodePowerW(0)).isCloseTo(80 + 0.6 * 60, within(1e-9));
        // the job ends: the node cools through the band without change, then releases below 36 C
        plant.taskEnded(0, FULL_NODE, MEAN_JOB);
        boolean sawBand = false;
        do {
            t += 60;
            changed = plant.advance(t, 60);
            throttledSteps++;
            if (changed.length == 0 && plant.nodeTemperatureC(0) < 38) sawBand = true;
        } while (changed.length == 0);
        assertThat(sawBand).isTrue();
        assertThat(changed).containsExactly(0);
        assertThat(plant.nodeTemperatureC(0)).isLessThan(36);
        assertThat(plant.speed(0)).isEqualTo(1.0);
        assertThat(plant.totals().throttleSeconds()).isEqualTo(60.0 * throttledSteps);
    }

    @Test
    void shouldCountViolationOnEachCrossingAndSecondsWhileOverWhenPduPowerPassesCap() {
        // 1 node per chassis, 2 per rack, 2 racks per row, 1 row per zone: rack nameplate 400 W, row/zone 800 W
        Layout layout = new Layout(1, 2, 2, 1, 0.6, 0.09, 2.4, 3);
        PhysicsParameters p = params().rackCapShare(0.8).rowCapShare(0.75).zoneCapShare(0.9).build();
        DataCenterPlant plant = new DataCenterPlant(room(4, layout), p, CAL);
        assertThat(plant.rackCapW(0)).isCloseTo(320, within(1e-9));
        assertThat(plant.rowCapW(0)).isCloseTo(600, within(1e-9));
        assertThat(plant.zoneCapW(0)).isCloseTo(720, within(1e-9));

        plant.taskStarted(0, FULL_NODE, HOT_JOB);
        plant.taskStarted(1, FULL_NODE, HOT_JOB);
        plant.advance(60, 60);                       // still idle power in this step
        assertThat(plant.totals().powerViolations()).isZero();
        plant.advance(120, 60);                      // rack 0 at 400 W > 320 W; row 560 W < 600 W
        plant.advance(180, 60);
        assertThat(plant.rackPowerW(0)).isCloseTo(400, within(1e-9));
        assertThat(plant.totals().powerViolations()).isEqualTo(1);
        assertThat(plant.totals().powerViolationSeconds()).isEqualTo(120.0);

        plant.taskEnded(1, FULL_NODE, HOT_JOB);
        plant.advance(240, 60);                      // the end counts from the next step: still over
        plant.advance(300, 60);                      // rack 0 at 280 W: within
        assertThat(plant.totals().powerViolations()).isEqualTo(1);
        assertThat(plant.totals().powerViolationSeconds()).isEqualTo(180.0);

        plant.taskStarted(1, FULL_NODE, HOT_JOB);
        plant.taskStarted(2, FULL_NODE, HOT_JOB);
        plant.taskStarted(3, FULL_NODE, HOT_JOB);
        plant.advance(360, 60);
        plant.advance(420, 60);                      // both racks 400 W, row 800 W > 600, zone 800 W > 720
        assertThat(plant.totals().powerViolations()).isEqualTo(1 + 4);
        assertThat(plant.totals().powerViolationSeconds()).isEqualTo(180.0 + 4 * 60);
    }

    @Test
    void shouldChargeHeatOverCopWhenCoolingAZone() {
        Layout one = new Layout(1, 1, 1, 1, 0.6, 0.09, 2.4, 3);
        DataCenterPlant plant = new DataCenterPlant(room(1, one), params().recirculationShare(0).build(), CAL);
        plant.advance(3600, 3600);
        // 80 W for an hour at supply 27 C: COP 5.4368
        assertThat(plant.totals().itEnergyKwh()).isCloseTo(0.08, within(1e-12));
        assertThat(plant.coolingPowerW()).isCloseTo(80 / 5.4368, within(1e-9));
        assertThat(plant.totals().coolingEnergyKwh()).isCloseTo(0.08 / 5.4368, within(1e-12));
    }

    @Test
    void shouldWarmSupplyAndCapCoolingWhenHeatExceedsCracCapacity() {
        // capacity 0.2 x 200 W = 40 W; zone air 20 W/K; heat 80 W: supply 27 + 40 / 20 = 29 C, COP(29) = 6.2
        Layout one = new Layout(1, 1, 1, 1, 0.6, 0.09, 2.4, 3);
        DataCenterPlant plant = new DataCenterPlant(room(1, one),
                params().recirculationShare(0).cracCapacityShare(0.2).build(), CAL);
        plant.advance(3600, 3600);
        assertThat(plant.zoneSupplyC(0)).isCloseTo(29.0, within(1e-12));
        assertThat(plant.nodeInletC(0)).isCloseTo(29.0, within(1e-12));
        assertThat(Crac.cop(29)).isCloseTo(6.2, within(1e-12));
        assertThat(plant.totals().coolingEnergyKwh()).isCloseTo(0.040 / 6.2, within(1e-12));
    }

    @Test
    void shouldEqualSixtyShortStepsWhenCrossingAnHourInOneStep() {
        Layout layout = new Layout(2, 2, 2, 2, 0.6, 0.09, 2.4, 3);
        PhysicsParameters p = params().build();
        DataCenterPlant once = new DataCenterPlant(room(32, layout), p, CAL);
        DataCenterPlant often = new DataCenterPlant(room(32, layout), p, CAL);
        for (DataCenterPlant plant : List.of(once, often)) {
            for (int i = 0; i < 32; i += 3) plant.taskStarted(i, FULL_NODE, i % 2 == 0 ? HOT_JOB : MEAN_JOB);
            plant.advance(0, 0);
        }
        once.advance(3600, 3600);
        for (int s = 1; s <= 60; s++) often.advance(60L * s, 60);
        for (int i = 0; i < 32; i++) {
            assertThat(once.nodeTemperatureC(i)).isCloseTo(often.nodeTemperatureC(i), within(1e-9));
            assertThat(once.nodeInletC(i)).isCloseTo(often.nodeInletC(i), within(1e-12));
        }
        PlantTotals a = once.totals();
        PlantTotals b = often.totals();
        assertThat(a.itEnergyKwh()).isCloseTo(b.itEnergyKwh(), within(1e-9));
        assertThat(a.coolingEnergyKwh()).isCloseTo(b.coolingEnergyKwh(), within(1e-9));
        assertThat(a.powerViolationSeconds()).isEqualTo(b.powerViolationSeconds());
        assertThat(a.powerViolations()).isEqualTo(b.powerViolations());
        assertThat(a.itEnergyKwh()).isGreaterThan(0);
    }

    @Test
    void shouldStepAHundredThousandNodesWhenRoomIsLarge() {
        int n = 100_000;
        List<NodeSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) specs.add(NodeSpec.cpuOnly("n" + i, 20_000, 65_536));
        DataCenterPlant plant = new DataCenterPlant(new Topology(specs, Layout.DEFAULT), params().build(), CAL);
        for (int i = 0; i < n; i += 2) plant.taskStarted(i, FULL_NODE, MEAN_JOB);
        plant.advance(0, 0);
        for (int s = 1; s <= 50; s++) plant.advance(60L * s, 60);
        double itW = n / 2 * 80.0 + n / 2 * 140.0;
        assertThat(plant.itPowerW()).isCloseTo(itW, within(1e-3));
        assertThat(plant.totals().itEnergyKwh()).isCloseTo(itW * 3000 / 3.6e6, within(1e-6));
        assertThat(plant.coolingPowerW()).isGreaterThan(0);
    }

    @Test
    void shouldDrawTheCappedShareAndRunAtItsCubeRootWhenANodeIsCapped() {
        DataCenterPlant plant = new DataCenterPlant(room(2, new Layout(1, 1, 1, 2, 0.6, 0.09, 2.4, 3)),
                params().build(), CAL);
        plant.taskStarted(0, FULL_NODE, HOT_JOB); // 80 W idle + 120 W dynamic
        plant.advance(60, 60);
        assertThat(plant.nodeDynamicDemandW(0)).isCloseTo(120.0, within(1e-9));

        plant.capDynamicPower(0, 0.125);
        int[] changed = plant.advance(120, 60);

        assertThat(changed).containsExactly(0);
        assertThat(plant.speed(0)).isCloseTo(0.5, within(1e-12));
        assertThat(plant.speed(1)).isEqualTo(1.0);
        plant.advance(180, 60);
        assertThat(plant.itPowerW()).as("capped node 80 + 15 W, idle node 80 W").isCloseTo(175.0, within(1e-9));
        assertThatThrownBy(() -> plant.capDynamicPower(0, 0)).hasMessageContaining("node 0").hasMessageContaining("(0, 1]");
    }
}
