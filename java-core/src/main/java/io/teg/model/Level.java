package io.teg.model;

/**
 * The levels of the machine-room hierarchy, innermost first. Two nodes are coupled, thermally and by the network,
 * at the innermost level they share.
 */
public enum Level {
    /** Same chassis (shared fans and power supply). */
    CHASSIS(1.0),
    /** Same rack (shared PDU and top-of-rack switch). */
    RACK(0.8),
    /** Same row (shared hot aisle). */
    ROW(0.5),
    /** Same zone, i.e. GPU SuperPod (shared CRAC and spine). */
    ZONE(0.2);

    private final double coupling;

    Level(double coupling) {
        this.coupling = coupling;
    }

    /** Coupling coefficient in [0, 1] between two nodes whose innermost shared level is this one. */
    public double coupling() {
        return coupling;
    }
}
