package io.teg.sim.physics;

/**
 * Every free parameter of the machine-room model, with its unit in its name. Immutable and validated eagerly: a
 * value outside its allowed range fails construction with an {@link IllegalArgumentException} that names the
 * parameter, the value and the range. The defaults, their sources and the reasoning behind them are in
 * {@code docs/model.md}; the numbers derived from telemetry are not here but in {@link Calibration}.
 *
 * <p>These parameters describe the room, never a scheduler: every scheduler is evaluated with the same values.
 *
 * @param inletRedlineC highest allowed inlet air temperature, &deg;C; the CRAC control keeps the hottest inlet of a
 *        zone at or below it (ASHRAE recommended envelope: 27 &deg;C). Range [10, 45].
 * @param supplyMaxC highest supply air temperature a CRAC unit is set to, &deg;C. Range [5, 45].
 * @param supplyMinC lowest supply air temperature a CRAC unit can deliver, &deg;C; below this the control cannot
 *        compensate recirculation any more and inlets pass the redline. Range [0, supplyMaxC).
 * @param recirculationShare share of the peers' mean exhaust temperature rise that returns to a node's inlet
 *        (dimensionless, [0, 1]); 0 means perfect hot-aisle containment
 * @param cracCapacityShare heat a zone's CRAC units can remove, as a share of the zone's nameplate IT power
 *        (dimensionless, (0, 2])
 * @param thermalTimeConstantS time constant tau = R C of the node's RC thermal model, seconds (&gt; 0), the same for
 *        every node
 * @param thermalSpread true: node i's thermal resistance is R times a factor drawn from
 *        {@link Calibration#resistanceFactors()} by a generator seeded only by i (the same room for every scheduler and
 *        run); false: factor 1 for every node (homogeneous room)
 * @param throttleC node temperature above which the node throttles, &deg;C. Range (0, 150].
 * @param throttleReleaseC temperature below which a throttled node returns to full speed, &deg;C (hysteresis).
 *        Range (0, throttleC).
 * @param throttleSpeed speed factor of a throttled node, and the factor on its dynamic power, (0, 1]
 * @param rackCapShare a rack PDU's cap as a share of the nameplate power of its nodes, (0, 1]
 * @param rowCapShare a row PDU's cap as a share of the nameplate power of its nodes, (0, 1]
 * @param zoneCapShare a zone feed's cap as a share of the nameplate power of its nodes, (0, 1]
 * @param gpuIdleShare a GPU's idle power as a share of its board power, [0, 1)
 * @param fearPremiumMin lower end of the fear premium alpha of eq. (4), R_req = R_real (1 + alpha), [0, 10]
 * @param fearPremiumMax upper end of alpha, [fearPremiumMin, 10]
 * @param memoryFractionMedian median of the lognormal share f of a node's memory that a task really uses, when the
 *        trace has no memory, (0, 1)
 * @param memoryFractionSigma shape sigma of that lognormal (standard deviation of ln f), (0, 5]
 * @param memoryFractionMin f is clipped below at this share, (0, memoryFractionMedian]
 * @param memoryFractionMax f is clipped above at this share, [memoryFractionMedian, 1]
 * @param rampShare share of a job's run time spent ramping up its memory, [0, 1)
 * @param rampUsageShare memory use during the ramp as a share of the real peak, (0, 1]
 * @param burstProbability probability that a job has one memory burst (when bursts are on), [0, 1]
 * @param burstFactorMin lowest burst height as a multiple b of the real peak, (1, 100]
 * @param burstFactorMax highest burst height, [burstFactorMin, 100]
 * @param burstDurationShare a burst's length as a share of the job's run time, (0, 1]
 * @param burstMinDurationS a burst lasts at least this long, seconds (&ge; 1)
 */
public record PhysicsParameters(
        double inletRedlineC,
        double supplyMaxC,
        double supplyMinC,
        double recirculationShare,
        double cracCapacityShare,
        double thermalTimeConstantS,
        boolean thermalSpread,
        double throttleC,
        double throttleReleaseC,
        double throttleSpeed,
        double rackCapShare,
        double rowCapShare,
        double zoneCapShare,
        double gpuIdleShare,
        double fearPremiumMin,
        double fearPremiumMax,
        double memoryFractionMedian,
        double memoryFractionSigma,
        double memoryFractionMin,
        double memoryFractionMax,
        double rampShare,
        double rampUsageShare,
        double burstProbability,
        double burstFactorMin,
        double burstFactorMax,
        double burstDurationShare,
        long burstMinDurationS) {

    public PhysicsParameters {
        closed("inletRedlineC", inletRedlineC, 10, 45);
        closed("supplyMaxC", supplyMaxC, 5, 45);
        if (!(supplyMinC >= 0 && supplyMinC < supplyMaxC))
            throw outOfRange("supplyMinC", supplyMinC, "[0, supplyMaxC=" + supplyMaxC + ")");
        closed("recirculationShare", recirculationShare, 0, 1);
        leftOpen("cracCapacityShare", cracCapacityShare, 0, 2);
        if (!(thermalTimeConstantS > 0 && Double.isFinite(thermalTimeConstantS)))
            throw outOfRange("thermalTimeConstantS", thermalTimeConstantS, "(0, +inf)");
        leftOpen("throttleC", throttleC, 0, 150);
        if (!(throttleReleaseC > 0 && throttleReleaseC < throttleC))
            throw outOfRange("throttleReleaseC", throttleReleaseC, "(0, throttleC=" + throttleC + ")");
        leftOpen("throttleSpeed", throttleSpeed, 0, 1);
        leftOpen("rackCapShare", rackCapShare, 0, 1);
        leftOpen("rowCapShare", rowCapShare, 0, 1);
        leftOpen("zoneCapShare", zoneCapShare, 0, 1);
        if (!(gpuIdleShare >= 0 && gpuIdleShare < 1)) throw outOfRange("gpuIdleShare", gpuIdleShare, "[0, 1)");
        closed("fearPremiumMin", fearPremiumMin, 0, 10);
        if (!(fearPremiumMax >= fearPremiumMin && fearPremiumMax <= 10))
            throw outOfRange("fearPremiumMax", fearPremiumMax, "[fearPremiumMin=" + fearPremiumMin + ", 10]");
        if (!(memoryFractionMedian > 0 && memoryFractionMedian < 1))
            throw outOfRange("memoryFractionMedian", memoryFractionMedian, "(0, 1)");
        leftOpen("memoryFractionSigma", memoryFractionSigma, 0, 5);
        if (!(memoryFractionMin > 0 && memoryFractionMin <= memoryFractionMedian))
            throw outOfRange("memoryFractionMin", memoryFractionMin, "(0, memoryFractionMedian=" + memoryFractionMedian + "]");
        if (!(memoryFractionMax >= memoryFractionMedian && memoryFractionMax <= 1))
            throw outOfRange("memoryFractionMax", memoryFractionMax, "[memoryFractionMedian=" + memoryFractionMedian + ", 1]");
        if (!(rampShare >= 0 && rampShare < 1)) throw outOfRange("rampShare", rampShare, "[0, 1)");
        leftOpen("rampUsageShare", rampUsageShare, 0, 1);
        closed("burstProbability", burstProbability, 0, 1);
        if (!(burstFactorMin > 1 && burstFactorMin <= 100)) throw outOfRange("burstFactorMin", burstFactorMin, "(1, 100]");
        if (!(burstFactorMax >= burstFactorMin && burstFactorMax <= 100))
            throw outOfRange("burstFactorMax", burstFactorMax, "[burstFactorMin=" + burstFactorMin + ", 100]");
        leftOpen("burstDurationShare", burstDurationShare, 0, 1);
        if (burstMinDurationS < 1)
            throw new IllegalArgumentException("burstMinDurationS must be in [1, +inf) seconds, got " + burstMinDurationS);
    }

    /** The documented defaults (see {@code docs/model.md} for the source of each). */
    public static PhysicsParameters defaults() {
        return builder().build();
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void closed(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) throw outOfRange(name, v, "[" + lo + ", " + hi + "]");
    }

    private static void leftOpen(String name, double v, double lo, double hi) {
        if (!(v > lo && v <= hi)) throw outOfRange(name, v, "(" + lo + ", " + hi + "]");
    }

    private static IllegalArgumentException outOfRange(String name, double v, String range) {
        return new IllegalArgumentException(name + " must be in " + range + ", got " + v);
    }

    /** Mutable, single-use helper to build a {@link PhysicsParameters}; validation happens in {@link #build()}. */
    public static final class Builder {
        private double inletRedlineC = 27.0;
        private double supplyMaxC = 27.0;
        private double supplyMinC = 15.0;
        private double recirculationShare = 0.2;
        private double cracCapacityShare = 0.85;
        private double thermalTimeConstantS = 300.0;
        private boolean thermalSpread = true;
        private double throttleC = 85.0;
        private double throttleReleaseC = 80.0;
        private double throttleSpeed = 0.6;
        private double rackCapShare = 0.8;
        private double rowCapShare = 0.75;
        private double zoneCapShare = 0.7;
        private double gpuIdleShare = 0.12;
        private double fearPremiumMin = 0.4;
        private double fearPremiumMax = 2.0;
        private double memoryFractionMedian = 0.25;
        private double memoryFractionSigma = 0.6;
        private double memoryFractionMin = 0.02;
        private double memoryFractionMax = 0.7;
        private double rampShare = 0.1;
        private double rampUsageShare = 0.5;
        private double burstProbability = 0.05;
        private double burstFactorMin = 1.2;
        private double burstFactorMax = 3.0;
        private double burstDurationShare = 0.1;
        private long burstMinDurationS = 60;

        private Builder() {
        }

        private Builder(PhysicsParameters p) {
            inletRedlineC = p.inletRedlineC;
            supplyMaxC = p.supplyMaxC;
            supplyMinC = p.supplyMinC;
            recirculationShare = p.recirculationShare;
            cracCapacityShare = p.cracCapacityShare;
            thermalTimeConstantS = p.thermalTimeConstantS;
            thermalSpread = p.thermalSpread;
            throttleC = p.throttleC;
            throttleReleaseC = p.throttleReleaseC;
            throttleSpeed = p.throttleSpeed;
            rackCapShare = p.rackCapShare;
            rowCapShare = p.rowCapShare;
            zoneCapShare = p.zoneCapShare;
            gpuIdleShare = p.gpuIdleShare;
            fearPremiumMin = p.fearPremiumMin;
            fearPremiumMax = p.fearPremiumMax;
            memoryFractionMedian = p.memoryFractionMedian;
            memoryFractionSigma = p.memoryFractionSigma;
            memoryFractionMin = p.memoryFractionMin;
            memoryFractionMax = p.memoryFractionMax;
            rampShare = p.rampShare;
            rampUsageShare = p.rampUsageShare;
            burstProbability = p.burstProbability;
            burstFactorMin = p.burstFactorMin;
            burstFactorMax = p.burstFactorMax;
            burstDurationShare = p.burstDurationShare;
            burstMinDurationS = p.burstMinDurationS;
        }

        public Builder inletRedlineC(double v) { inletRedlineC = v; return this; }
        public Builder supplyMaxC(double v) { supplyMaxC = v; return this; }
        public Builder supplyMinC(double v) { supplyMinC = v; return this; }
        public Builder recirculationShare(double v) { recirculationShare = v; return this; }
        public Builder cracCapacityShare(double v) { cracCapacityShare = v; return this; }
        public Builder thermalTimeConstantS(double v) { thermalTimeConstantS = v; return this; }
        public Builder thermalSpread(boolean v) { thermalSpread = v; return this; }
        public Builder throttleC(double v) { throttleC = v; return this; }
        public Builder throttleReleaseC(double v) { throttleReleaseC = v; return this; }
        public Builder throttleSpeed(double v) { throttleSpeed = v; return this; }
        public Builder rackCapShare(double v) { rackCapShare = v; return this; }
        public Builder rowCapShare(double v) { rowCapShare = v; return this; }
        public Builder zoneCapShare(double v) { zoneCapShare = v; return this; }
        public Builder gpuIdleShare(double v) { gpuIdleShare = v; return this; }
        public Builder fearPremiumMin(double v) { fearPremiumMin = v; return this; }
        public Builder fearPremiumMax(double v) { fearPremiumMax = v; return this; }
        public Builder memoryFractionMedian(double v) { memoryFractionMedian = v; return this; }
        public Builder memoryFractionSigma(double v) { memoryFractionSigma = v; return this; }
        public Builder memoryFractionMin(double v) { memoryFractionMin = v; return this; }
        public Builder memoryFractionMax(double v) { memoryFractionMax = v; return this; }
        public Builder rampShare(double v) { rampShare = v; return this; }
        public Builder rampUsageShare(double v) { rampUsageShare = v; return this; }
        public Builder burstProbability(double v) { burstProbability = v; return this; }
        public Builder burstFactorMin(double v) { burstFactorMin = v; return this; }
        public Builder burstFactorMax(double v) { burstFactorMax = v; return this; }
        public Builder burstDurationShare(double v) { burstDurationShare = v; return this; }
        public Builder burstMinDurationS(long v) { burstMinDurationS = v; return this; }

        public PhysicsParameters build() {
            return new PhysicsParameters(inletRedlineC, supplyMaxC, supplyMinC, recirculationShare, cracCapacityShare,
                    thermalTimeConstantS, thermalSpread, throttleC, throttleReleaseC, throttleSpeed, rackCapShare,
                    rowCapShare, zoneCapShare, gpuIdleShare, fearPremiumMin, fearPremiumMax, memoryFractionMedian,
                    memoryFractionSigma, memoryFractionMin, memoryFractionMax, rampShare, rampUsageShare,
                    burstProbability, burstFactorMin, burstFactorMax, burstDurationShare, burstMinDurationS);
        }
    }
}
