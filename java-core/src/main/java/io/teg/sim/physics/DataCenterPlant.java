package io.teg.sim.physics;

import io.teg.model.Level;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;

import java.util.Arrays;

/**
 * The machine room of a simulation: node power, inlet air with recirculation between coupled neighbours, one CRAC
 * per zone, an RC thermal model per node, thermal throttling, and power caps per rack, row and zone. Every scheduler
 * runs in the same room; nothing here knows which scheduler is deciding.
 *
 * <h2>Power of node i, W</h2>
 * With s_i = cores_i / 20 (the node's size relative to the 20-core reference node of {@link Calibration}), g_i its
 * GPUs of board power B_i ({@link GpuBoardPower}), I_max the largest calibrated intensity:
 * <pre>
 *   P_idle,i = s_i (P_idle,proc + P_overhead) + g_i e B_i                  e = gpuIdleShare
 *   D_cpu,i  = s_i (P_busy,proc - P_idle,proc)                            dynamic CPU power of a full node at I = 1
 *   D_gpu,i  = (1 - e) B_i / I_max                                         dynamic power of one GPU at I = 1
 *   d_task   = I_job (cpu_task / cpu_i D_cpu,i + gpus_task D_gpu,i)        gpus_task = gpuMilliTotal / 1000
 *   P_i      = P_idle,i + v_i sum_tasks d_task                             v_i = speed factor (1, or throttleSpeed)
 *   P_max,i  = s_i (P_max,proc + P_overhead) + g_i B_i                     nameplate = P_i of a full node at I_max
 * </pre>
 * The sum over tasks is kept incrementally by {@link #taskStarted} and {@link #taskEnded} in O(1).
 *
 * <h2>Air, K and &deg;C</h2>
 * Heat capacity rate of the air through node i: H_i = P_max,i / dT_ex (fans sized to nameplate; dT_ex =
 * {@link Calibration#exhaustRiseAtNameplateK()}). Exhaust rise r_i = P_i / H_i. A node's inlet is the zone's supply
 * air plus recirculated exhaust of its peers:
 * <pre>
 *   T_in,i = T_supply,zone(i) + rho * sum_L w_L m_L,i / sum_L w_L
 * </pre>
 * with rho = recirculationShare, L over {chassis, rack, row, zone}, w_L the {@link Level} coupling (1.0, 0.8, 0.5,
 * 0.2) and m_L,i the mean exhaust rise of the other nodes whose innermost level shared with i is L (same chassis;
 * same rack but another chassis; same row but another rack; same zone but another row). Levels where i has no such
 * peer are left out of both sums. The four means come from per-chassis, per-rack, per-row and per-zone sums of r
 * computed once per step, so a step is O(N).
 *
 * <h2>Cooling</h2>
 * One CRAC per zone ({@link Crac}): T_set = clamp(redline - max_i rec_i, supplyMin, supplyMax); capacity
 * Q_cap = cracCapacityShare x zone nameplate; T_supply = T_set + max(0, Q - Q_cap) / sum_i H_i; cooling power
 * min(Q, Q_cap) / COP(T_supply), where Q = sum of the zone's node power.
 *
 * <h2>Node temperature, &deg;C</h2>
 * RC model C_i dT/dt = P - (T - T_in) / R_i with
 * <pre>
 *   R_i = f_i dT_die / P_max,i,   dT_die = {@link Calibration#dieRiseAtNameplateK()},
 *   f_i = {@link Calibration#resistanceFactorAt}(u_i),   u_i = {@link #spreadUniform}(i)
 * </pre>
 * so node i at its nameplate sits f_i dT_die above its inlet (thermal similarity, times the node's own factor),
 * and tau = R_i C_i = thermalTimeConstantS for every node. The factor f_i (dimensionless) is drawn once, in the
 * constructor, from the empirical node-to-node spread of the measured resistance (median 1), with u_i depending
 * only on the node index i and the constant {@link #THERMAL_SPREAD_SEED}: every plant built for the same topology,
 * whichever scheduler runs in it, is the same room. With {@link PhysicsParameters#thermalSpread()} false, f_i = 1
 * for every node. For power and inlet constant over a step of dt seconds the exact solution is
 * <pre>  T_eq = T_in + R_i P_i,   T(t + dt) = T_eq + (T(t) - T_eq) exp(-dt / tau)</pre>
 * computed with one exp per step for all nodes, so one step of 3600 s equals sixty of 60 s.
 *
 * <h2>Throttling</h2>
 * At the end of a step, a node at full speed whose temperature is above throttleC throttles (v = throttleSpeed); a
 * throttled node whose temperature is below throttleReleaseC returns to full speed. {@link #advance} returns exactly
 * the nodes whose speed changed. Throttle time is counted in node-seconds over the steps a node spent throttled.
 *
 * <h2>Power caps</h2>
 * Each rack, row and zone PDU has cap = capShare x sum of its nodes' P_max. A violation is counted when a PDU's
 * power in a step is over its cap and was within it in the step before; every step over the cap adds dt to the
 * violation seconds of each PDU over.
 *
 * <h2>Node power caps</h2>
 * A node agent may cap a node's dynamic power to a share c in (0, 1] of its demand ({@link #capDynamicPower}, as
 * RAPL or NVML power limits do). From the next step on the node draws P_idle + c v D and runs at speed
 * v c^(1/3): dynamic power goes as f V² and V follows f across the DVFS range, so P ∝ f³, and speed ∝ f
 * (the cube law, e.g. Weiser et al., OSDI 1994; Herbert and Marculescu, ISLPED 2007). Every scheduler that caps gets
 * the same rule. The cap stays a share of demand until it is set again.
 *
 * <h2>Time</h2>
 * As the {@link Plant} contract says, the power of a step is the power at the end of the previous step: tasks that
 * start or end during a step change the power from the next step on. {@link #itPowerW()}, {@link #coolingPowerW()},
 * {@link #rackPowerW(int)} and {@link #rackMaxInletC(int)} report the most recent step (constant over it).
 *
 * <h2>Cost</h2>
 * {@link #taskStarted} and {@link #taskEnded} are O(1). {@link #advance} sweeps the room zone by zone (a zone's
 * nodes are consecutive): three short passes over the zone's primitive arrays while they are in cache, the chassis,
 * rack and row sums built up the hierarchy, then one pass over the PDUs. It allocates only the array it returns.
 * Cost: O(N) per step, independent of the number of running tasks; see {@code DataCenterPlantBenchmark}.
 *
 * <p>Not thread-safe: one instance belongs to one simulation.
 */
public final class DataCenterPlant implements Plant {

    /** The constant that, with the node index alone, picks each node's resistance factor. */
    public static final long THERMAL_SPREAD_SEED = 0x7E6L;

    private static final int[] NONE = new int[0];
    private static final double JOULES_PER_KWH = 3.6e6;

    private final PhysicsParameters params;
    private final int n;

    // topology
    private final int[] chassisOf;
    private final int[] rackOf;
    private final int[] rowOf;
    private final int[] zoneOf;
    private final int[] rackOfChassis;
    private final int[] rowOfRack;
    private final int[] zoneFirstNode;    // zone z holds nodes [zoneFirstNode[z], zoneFirstNode[z + 1])

    // per node, constant
    private final double[] idleW;
    private final double[] maxW;
    private final double[] cpuDynW;
    private final double[] gpuDynW;
    private final int[] cpuMilli;
    private final double[] riseKPerW;     // 1 / H_i, K per W
    private final double[] dieKPerW;      // R_i, K per W
    private final double[] resistanceFactor; // f_i, dimensionless
    private final double[] coefChassis;
    private final double[] coefRack;
    private final double[] coefRow;
    private final double[] coefZone;

    // per node, state
    private final double[] dynW;
    private final int[] tasks;
    private final boolean[] throttled;
    private final double[] stepPowerW;    // power of the coming step
    private final double[] exhaustRiseK;
    private final double[] recirculationK;
    private final double[] inletC;
    private final double[] tempC;
    private final int[] changed;
    private final double[] capShare;
    private final boolean[] capMarked;
    private final int[] capChanged;
    private int capChangedCount;

    // per group
    private final double[] sumChassis;
    private final double[] sumRack;
    private final double[] sumRow;
    private final double[] rackW;
    private final double[] rowW;
    private final double[] zoneW;
    private final double[] rackCapW;
    private final double[] rowCapW;
    private final double[] zoneCapW;
    private final boolean[] rackOver;
    private final boolean[] rowOver;
    private final boolean[] zoneOver;
    private final double[] rackMaxInlet;
    private final double[] zoneAirWPerK;
    private final double[] zoneCracCapacityW;
    private final double[] zoneSupplyC;
    private final double[] zoneCoolingW;

    private double itW;
    private int changedCount;
    private double coolingW;
    private long lastNowS = Long.MIN_VALUE;

    private long violations;
    private double violationSeconds;
    private double throttleSeconds;
    private double itEnergyKwh;
    private double coolingEnergyKwh;
    private double maxInletSeenC;

    /**
     * A room holding {@code topology}'s nodes, idle and in thermal steady state.
     *
     * @param topology where the nodes sit
     * @param params the room's parameters
     * @param calibration the measured constants
     */
    public DataCenterPlant(Topology topology, PhysicsParameters params, Calibration calibration) {
        this.params = params;
        n = topology.nodeCount();
        chassisOf = new int[n];
        rackOf = new int[n];
        rowOf = new int[n];
        zoneOf = new int[n];
        for (int i = 0; i < n; i++) {
            chassisOf[i] = topology.chassisOf(i);
            rackOf[i] = topology.rackOf(i);
            rowOf[i] = topology.rowOf(i);
            zoneOf[i] = topology.zoneOf(i);
        }
        int chassis = chassisOf[n - 1] + 1;
        int racks = topology.rackCount();
        int rows = topology.rowCount();
        int zones = topology.zoneCount();
        rackOfChassis = new int[chassis];
        rowOfRack = new int[racks];
        zoneFirstNode = new int[zones + 1];
        for (int i = n - 1; i >= 0; i--) {
            rackOfChassis[chassisOf[i]] = rackOf[i];
            rowOfRack[rackOf[i]] = rowOf[i];
            zoneFirstNode[zoneOf[i]] = i;
        }
        zoneFirstNode[zones] = n;
        int[] zoneOfRow = new int[rows];
        for (int i = 0; i < n; i++) zoneOfRow[rowOf[i]] = zoneOf[i];
        for (int i = 0; i < n; i++) {
            boolean nested = rackOfChassis[chassisOf[i]] == rackOf[i] && rowOfRack[rackOf[i]] == rowOf[i]
                    && zoneOfRow[rowOf[i]] == zoneOf[i]
                    && (i == 0 || (zoneOf[i] >= zoneOf[i - 1] && chassisOf[i] >= chassisOf[i - 1]));
            if (!nested) throw new IllegalArgumentException("node " + i + ": chassis, racks, rows and zones must nest"
                    + " and zones must hold consecutive nodes");
        }

        idleW = new double[n];
        maxW = new double[n];
        cpuDynW = new double[n];
        gpuDynW = new double[n];
        cpuMilli = new int[n];
        riseKPerW = new double[n];
        dieKPerW = new double[n];
        resistanceFactor = new double[n];
        boolean spread = params.thermalSpread();
        double exhaustRise = calibration.exhaustRiseAtNameplateK();
        double dieRise = calibration.dieRiseAtNameplateK();
        double iMax = calibration.intensityMax();
        for (int i = 0; i < n; i++) {
            NodeSpec s = topology.node(i);
            double size = s.cpuMilli() / (Calibration.REFERENCE_CORES_PER_NODE * 1000.0);
            double board = s.gpus() > 0 ? GpuBoardPower.of(s.gpuModel()).boardPowerW() : 0.0;
            cpuMilli[i] = s.cpuMilli();
            idleW[i] = size * calibration.referenceNodeIdleW() + s.gpus() * params.gpuIdleShare() * board;
            maxW[i] = size * calibration.referenceNodeMaxW() + s.gpus() * board;
            cpuDynW[i] = size * (calibration.processorBusyW() - calibration.processorIdleW());
            gpuDynW[i] = (1 - params.gpuIdleShare()) * board / iMax;
            riseKPerW[i] = exhaustRise / maxW[i];
            resistanceFactor[i] = spread ? calibration.resistanceFactorAt(spreadUniform(i)) : 1.0;
            dieKPerW[i] = resistanceFactor[i] * dieRise / maxW[i];
        }

        // recirculation coefficients from group sizes
        int[] nChassis = new int[chassis];
        int[] nRack = new int[racks];
        int[] nRow = new int[rows];
        int[] nZone = new int[zones];
        for (int i = 0; i < n; i++) {
            nChassis[chassisOf[i]]++;
            nRack[rackOf[i]]++;
            nRow[rowOf[i]]++;
            nZone[zoneOf[i]]++;
        }
        coefChassis = new double[n];
        coefRack = new double[n];
        coefRow = new double[n];
        coefZone = new double[n];
        double rho = params.recirculationShare();
        for (int i = 0; i < n; i++) {
            int pc = nChassis[chassisOf[i]] - 1;
            int pk = nRack[rackOf[i]] - nChassis[chassisOf[i]];
            int pw = nRow[rowOf[i]] - nRack[rackOf[i]];
            int pz = nZone[zoneOf[i]] - nRow[rowOf[i]];
            double wSum = (pc > 0 ? Level.CHASSIS.coupling() : 0) + (pk > 0 ? Level.RACK.coupling() : 0)
                    + (pw > 0 ? Level.ROW.coupling() : 0) + (pz > 0 ? Level.ZONE.coupling() : 0);
            if (wSum == 0) continue; // alone in its zone: nothing to recirculate
            coefChassis[i] = pc > 0 ? rho * Level.CHASSIS.coupling() / (wSum * pc) : 0;
            coefRack[i] = pk > 0 ? rho * Level.RACK.coupling() / (wSum * pk) : 0;
            coefRow[i] = pw > 0 ? rho * Level.ROW.coupling() / (wSum * pw) : 0;
            coefZone[i] = pz > 0 ? rho * Level.ZONE.coupling() / (wSum * pz) : 0;
        }

        dynW = new double[n];
        tasks = new int[n];
        throttled = new boolean[n];
        stepPowerW = idleW.clone();
        exhaustRiseK = new double[n];
        recirculationK = new double[n];
        inletC = new double[n];
        tempC = new double[n];
        changed = new int[n];
        capShare = new double[n];
        Arrays.fill(capShare, 1.0);
        capMarked = new boolean[n];
        capChanged = new int[n];

        sumChassis = new double[chassis];
        sumRack = new double[racks];
        sumRow = new double[rows];
        rackW = new double[racks];
        rowW = new double[rows];
        zoneW = new double[zones];
        rackCapW = new double[racks];
        rowCapW = new double[rows];
        zoneCapW = new double[zones];
        zoneAirWPerK = new double[zones];
        zoneCracCapacityW = new double[zones];
        for (int i = 0; i < n; i++) {
            rackCapW[rackOf[i]] += maxW[i];
            rowCapW[rowOf[i]] += maxW[i];
            zoneCapW[zoneOf[i]] += maxW[i];
            zoneAirWPerK[zoneOf[i]] += 1.0 / riseKPerW[i];
        }
        for (int z = 0; z < zones; z++) zoneCracCapacityW[z] = params.cracCapacityShare() * zoneCapW[z];
        for (int r = 0; r < racks; r++) rackCapW[r] *= params.rackCapShare();
        for (int w = 0; w < rows; w++) rowCapW[w] *= params.rowCapShare();
        for (int z = 0; z < zones; z++) zoneCapW[z] *= params.zoneCapShare();
        rackOver = new boolean[racks];
        rowOver = new boolean[rows];
        zoneOver = new boolean[zones];
        rackMaxInlet = new double[racks];
        zoneSupplyC = new double[zones];
        zoneCoolingW = new double[zones];

        // idle steady state
        maxInletSeenC = Double.NEGATIVE_INFINITY;
        sweep(0, true);
    }

    /**
     * The uniform variate in [0, 1) that picks node {@code node}'s resistance factor: z = the SplitMix64 finaliser
     * of {@link #THERMAL_SPREAD_SEED} + (node + 1) x 0x9E3779B97F4A7C15 (64-bit wrap-around), u = (z &gt;&gt;&gt; 11)
     * x 2^-53. A function of the node index alone.
     */
    public static double spreadUniform(int node) {
        long z = THERMAL_SPREAD_SEED + (node + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    // ---- Plant ----

    @Override
    public void taskStarted(int node, TaskShape shape, JobProfile profile) {
        dynW[node] += taskDynamicW(node, shape, profile);
        tasks[node]++;
    }

    @Override
    public void taskEnded(int node, TaskShape shape, JobProfile profile) {
        if (tasks[node] == 0) throw new IllegalStateException("node " + node + " has no running task to end");
        if (--tasks[node] == 0) {
            dynW[node] = 0; // no drift left behind by rounding
        } else {
            dynW[node] = Math.max(0, dynW[node] - taskDynamicW(node, shape, profile));
        }
    }

    /** Dynamic power of one task on {@code node} at full speed, W. */
    private double taskDynamicW(int node, TaskShape shape, JobProfile profile) {
        double cpu = (double) shape.cpuMilli() / cpuMilli[node] * cpuDynW[node];
        double gpu = shape.gpuMilliTotal() / 1000.0 * gpuDynW[node];
        return profile.powerIntensity() * (cpu + gpu);
    }

    @Override
    public int[] advance(long nowS, long dtS) {
        if (dtS < 0) throw new IllegalArgumentException("dtS must be >= 0, got " + dtS);
        if (nowS < lastNowS) throw new IllegalArgumentException("time went back: " + nowS + " < " + lastNowS);
        lastNowS = nowS;
        double dt = dtS;

        int throttledDuringStep = sweep(dt, false);
        throttleSeconds += throttledDuringStep * dt;

        // power caps
        overCaps(rackW, rackCapW, rackOver, dt);
        overCaps(rowW, rowCapW, rowOver, dt);
        overCaps(zoneW, zoneCapW, zoneOver, dt);

        itEnergyKwh += itW * dt / JOULES_PER_KWH;
        coolingEnergyKwh += coolingW * dt / JOULES_PER_KWH;
        // nodes whose power cap changed since the last step changed speed too
        if (capChangedCount > 0) {
            int thermalChanges = changedCount;
            for (int c = 0; c < thermalChanges; c++) capMarked[changed[c]] = false; // already listed
            for (int k = 0; k < capChangedCount; k++) {
                int node = capChanged[k];
                if (capMarked[node]) changed[changedCount++] = node;
                capMarked[node] = false;
            }
            capChangedCount = 0;
        }
        return changedCount == 0 ? NONE : Arrays.copyOf(changed, changedCount);
    }

    /**
     * One pass over the room, zone by zone (a zone's nodes are consecutive, so each zone is swept while its arrays
     * are in cache): exhaust rises and PDU powers of the power in {@link #stepPowerW}, sums of rise per chassis and
     * up the hierarchy, recirculation, the zone's CRAC, inlets and node temperatures. In the initial sweep the
     * temperatures are set to equilibrium; otherwise they take one exact RC step of {@code dt} seconds, throttling
     * is decided, and {@link #stepPowerW} becomes the power of the next step.
     *
     * @return the number of nodes that were throttled during the step
     */
    private int sweep(double dt, boolean initial) {
        double decay = Math.exp(-dt / params.thermalTimeConstantS());
        double redline = params.inletRedlineC();
        double supplyMin = params.supplyMinC();
        double supplyMax = params.supplyMaxC();
        double throttleC = params.throttleC();
        double releaseC = params.throttleReleaseC();
        double slow = params.throttleSpeed();
        int throttledDuringStep = 0;
        int changes = 0;
        double it = 0;
        double cooling = 0;
        for (int z = 0; z < zoneW.length; z++) {
            int a = zoneFirstNode[z];
            int b = zoneFirstNode[z + 1];
            int c0 = chassisOf[a];
            int c1 = chassisOf[b - 1];
            int k0 = rackOf[a];
            int k1 = rackOf[b - 1];
            int w0 = rowOf[a];
            int w1 = rowOf[b - 1];
            Arrays.fill(sumChassis, c0, c1 + 1, 0);
            Arrays.fill(sumRack, k0, k1 + 1, 0);
            Arrays.fill(rackW, k0, k1 + 1, 0);
            Arrays.fill(sumRow, w0, w1 + 1, 0);
            Arrays.fill(rowW, w0, w1 + 1, 0);
            double zonePower = 0;
            for (int i = a; i < b; i++) {
                double p = stepPowerW[i];
                double r = p * riseKPerW[i];
                exhaustRiseK[i] = r;
                sumChassis[chassisOf[i]] += r;
                rackW[rackOf[i]] += p;
                zonePower += p;
            }
            for (int c = c0; c <= c1; c++) sumRack[rackOfChassis[c]] += sumChassis[c];
            double zoneRise = 0;
            for (int k = k0; k <= k1; k++) {
                sumRow[rowOfRack[k]] += sumRack[k];
                rowW[rowOfRack[k]] += rackW[k];
            }
            for (int w = w0; w <= w1; w++) zoneRise += sumRow[w];
            zoneW[z] = zonePower;
            it += zonePower;

            double maxRec = 0;
            for (int i = a; i < b; i++) {
                double c = sumChassis[chassisOf[i]];
                double k = sumRack[rackOf[i]];
                double w = sumRow[rowOf[i]];
                double rec = coefChassis[i] * (c - exhaustRiseK[i]) + coefRack[i] * (k - c) + coefRow[i] * (w - k)
                        + coefZone[i] * (zoneRise - w);
                recirculationK[i] = rec;
                if (rec > maxRec) maxRec = rec;
            }
            double set = Crac.setpointC(redline, maxRec, supplyMin, supplyMax);
            double supply = Crac.supplyC(set, zonePower, zoneCracCapacityW[z], zoneAirWPerK[z]);
            zoneSupplyC[z] = supply;
            zoneCoolingW[z] = Crac.powerW(zonePower, zoneCracCapacityW[z], supply);
            cooling += zoneCoolingW[z];

            for (int k = k0; k <= k1; k++) rackMaxInlet[k] = Double.NEGATIVE_INFINITY;
            for (int i = a; i < b; i++) {
                double tin = supply + recirculationK[i];
                inletC[i] = tin;
                int r = rackOf[i];
                if (tin > rackMaxInlet[r]) rackMaxInlet[r] = tin;
                double teq = tin + dieKPerW[i] * stepPowerW[i];
                if (initial) {
                    tempC[i] = teq;
                    continue;
                }
                double t = teq + (tempC[i] - teq) * decay;
                tempC[i] = t;
                if (throttled[i]) {
                    throttledDuringStep++;
                    if (t < releaseC) {
                        throttled[i] = false;
                        changed[changes++] = i;
                    }
                } else if (t > throttleC) {
                    throttled[i] = true;
                    changed[changes++] = i;
                }
                stepPowerW[i] = idleW[i] + capShare[i] * (throttled[i] ? slow : 1.0) * dynW[i];
            }
            for (int k = k0; k <= k1; k++) if (rackMaxInlet[k] > maxInletSeenC) maxInletSeenC = rackMaxInlet[k];
        }
        itW = it;
        coolingW = cooling;
        changedCount = changes;
        return throttledDuringStep;
    }

    private void overCaps(double[] power, double[] cap, boolean[] over, double dt) {
        for (int j = 0; j < power.length; j++) {
            boolean now = power[j] > cap[j];
            if (now) {
                if (!over[j]) violations++;
                violationSeconds += dt;
            }
            over[j] = now;
        }
    }

    @Override
    public double speed(int node) {
        double thermal = throttled[node] ? params.throttleSpeed() : 1.0;
        return capShare[node] >= 1.0 ? thermal : thermal * Math.cbrt(capShare[node]);
    }

    @Override
    public double nodeDynamicDemandW(int node) {
        return (throttled[node] ? params.throttleSpeed() : 1.0) * dynW[node];
    }

    @Override
    public void capDynamicPower(int node, double share) {
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("node " + node + ": power cap share must be in (0, 1], got " + share);
        if (share == capShare[node]) return;
        capShare[node] = share;
        if (!capMarked[node]) {
            capMarked[node] = true;
            capChanged[capChangedCount++] = node;
        }
    }

    /** The node's power cap as a share of its dynamic demand (1: uncapped). */
    public double capShare(int node) {
        return capShare[node];
    }

    /** IT power of the most recent step, W. */
    @Override
    public double itPowerW() {
        return itW;
    }

    /** Cooling power of the most recent step, W. */
    @Override
    public double coolingPowerW() {
        return coolingW;
    }

    /** Power of {@code rack} in the most recent step, W. */
    @Override
    public double rackPowerW(int rack) {
        return rackW[rack];
    }

    /** The hottest inlet of {@code rack} in the most recent step, &deg;C. */
    @Override
    public double rackMaxInletC(int rack) {
        return rackMaxInlet[rack];
    }

    @Override
    public PlantTotals totals() {
        return new PlantTotals(violations, violationSeconds, throttleSeconds, itEnergyKwh, coolingEnergyKwh, maxInletSeenC);
    }

    // ---- telemetry beyond the Plant interface ----

    /** Number of nodes. */
    public int nodeCount() {
        return n;
    }

    /** Power of {@code node} with the tasks running now and its current speed, W. */
    public double nodePowerW(int node) {
        return idleW[node] + (throttled[node] ? params.throttleSpeed() : 1.0) * dynW[node];
    }

    /** Idle power of {@code node}, W. */
    @Override
    public double nodeIdleW(int node) {
        return idleW[node];
    }

    /** Nameplate (maximum) power of {@code node}, W. */
    public double nodeNameplateW(int node) {
        return maxW[node];
    }

    /** Temperature of {@code node} at the end of the most recent step, &deg;C. */
    public double nodeTemperatureC(int node) {
        return tempC[node];
    }

    /** Inlet air temperature of {@code node} in the most recent step, &deg;C. */
    public double nodeInletC(int node) {
        return inletC[node];
    }

    /**
     * The resistance factor f_i of {@code node} (dimensionless): its thermal resistance, and its rise above the inlet
     * at any power, relative to a node of the same nameplate with the median resistance. 1 when
     * {@link PhysicsParameters#thermalSpread()} is false.
     */
    public double nodeResistanceFactor(int node) {
        return resistanceFactor[node];
    }

    /** Thermal resistance R_i of {@code node}, hottest processor above inlet per watt of node power, K/W. */
    public double nodeThermalResistanceKPerW(int node) {
        return dieKPerW[node];
    }

    /** True while {@code node} is thermally throttled. */
    public boolean isThrottled(int node) {
        return throttled[node];
    }

    /** Supply air temperature of {@code zone} in the most recent step, &deg;C. */
    public double zoneSupplyC(int zone) {
        return zoneSupplyC[zone];
    }

    /** Cooling power of {@code zone} in the most recent step, W. */
    public double zoneCoolingW(int zone) {
        return zoneCoolingW[zone];
    }

    /** Cap of the rack PDU, W. */
    @Override
    public double rackCapW(int rack) {
        return rackCapW[rack];
    }

    /** Cap of the row PDU, W. */
    @Override
    public double rowCapW(int row) {
        return rowCapW[row];
    }

    /** Cap of the zone feed, W. */
    @Override
    public double zoneCapW(int zone) {
        return zoneCapW[zone];
    }
}
