package io.teg.sim.physics;

/**
 * The computer-room air conditioner (CRAC) of one zone: its efficiency curve and its supply-temperature control.
 * Pure functions; {@link DataCenterPlant} applies them to every zone in every step.
 *
 * <p>Efficiency (Moore, Chase, Ranganathan, Sharma, "Making Scheduling 'Cool': Temperature-Aware Workload Placement
 * in Data Centers", USENIX ATC 2005, for the chilled-water CRAC units of the HP Utility Data Center):
 * <pre>  COP(T) = 0.0068 T^2 + 0.0008 T + 0.458,   T = supply air temperature in &deg;C</pre>
 * and the electrical power to remove heat Q is Q / COP(T). Warmer supply air is cheaper to make.
 *
 * <p>Control, as in that paper: the supply temperature is set as high as possible while the hottest inlet of the
 * zone stays at or below the redline, i.e. T_set = clamp(redline - max_i(recirculation rise_i), supplyMin, supplyMax).
 * When the zone's heat Q exceeds the units' capacity Q_cap, the units remove only Q_cap and the air they supply is
 * warmer by the heat they could not remove divided by the heat capacity rate of the zone's air:
 * <pre>  T_supply = T_set + max(0, Q - Q_cap) / (m_dot c_p)_zone</pre>
 * This is the rise of one pass of the air through the room (a quasi-steady view); a sustained overload in a real
 * room keeps warming it, so this understates a long overload.
 */
public final class Crac {

    private Crac() {
    }

    /** Coefficient of performance at supply temperature {@code supplyC} (&deg;C), dimensionless. */
    public static double cop(double supplyC) {
        return 0.0068 * supplyC * supplyC + 0.0008 * supplyC + 0.458;
    }

    /**
     * The supply setpoint in &deg;C: {@code clamp(redlineC - maxRecirculationRiseK, supplyMinC, supplyMaxC)}.
     */
    public static double setpointC(double redlineC, double maxRecirculationRiseK, double supplyMinC, double supplyMaxC) {
        return Math.max(supplyMinC, Math.min(supplyMaxC, redlineC - maxRecirculationRiseK));
    }

    /**
     * The temperature of the air actually supplied, &deg;C: the setpoint, raised by the heat beyond capacity over the
     * zone air's heat capacity rate.
     *
     * @param setpointC from {@link #setpointC}
     * @param heatW heat released in the zone, W (all IT power becomes heat)
     * @param capacityW heat the zone's CRAC units can remove, W
     * @param airHeatCapacityRateWPerK m_dot c_p of the air through the zone's nodes, W/K (&gt; 0)
     */
    public static double supplyC(double setpointC, double heatW, double capacityW, double airHeatCapacityRateWPerK) {
        double excess = heatW - capacityW;
        return excess > 0 ? setpointC + excess / airHeatCapacityRateWPerK : setpointC;
    }

    /**
     * Electrical power of the zone's CRAC units, W: the heat they remove, min(Q, Q_cap), over COP at the supply
     * temperature.
     */
    public static double powerW(double heatW, double capacityW, double supplyC) {
        return Math.min(heatW, capacityW) / cop(supplyC);
    }
}
