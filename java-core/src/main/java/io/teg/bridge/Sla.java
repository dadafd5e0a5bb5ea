package io.teg.bridge;

/**
 * The service class of {@code --teg-sla} ({@code TEG_SLA_*} in teg_bridge.h), and the SLA priority (Eq. 12's
 * SLA_prio, dimensionless) each gives the job's agent: its charge, so how strongly the auction heat's magnetic field
 * deflects it.
 */
public enum Sla {
    /** Not given: the throughput priority. */
    NONE(0, 1.0),
    /** Start as soon as possible. */
    LATENCY(1, 2.0),
    /** Steady progress at the market price. */
    THROUGHPUT(2, 1.0),
    /** May wait for cheap, cool capacity. */
    BATCH(3, 0.5);

    private final int code;
    private final double priority;

    Sla(int code, double priority) {
        this.code = code;
        this.priority = priority;
    }

    /** SLA_prio of Eq. 12, &ge; 0. */
    public double priority() {
        return priority;
    }

    /** The class for a {@code TEG_SLA_*} code; an unknown code is an error that names it. */
    public static Sla of(int code) {
        for (Sla s : values()) if (s.code == code) return s;
        throw new IllegalArgumentException("unknown TEG_SLA code " + code);
    }
}
