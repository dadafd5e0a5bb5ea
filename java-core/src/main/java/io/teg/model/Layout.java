package io.teg.model;

/**
 * How nodes are packed into the machine room, and the room's geometry. Node {@code i} goes into chassis
 * {@code i / nodesPerChassis}, chassis fill racks, racks fill rows, rows fill zones (GPU SuperPods).
 *
 * @param nodesPerChassis nodes in one chassis (&ge; 1)
 * @param chassisPerRack chassis in one rack (&ge; 1)
 * @param racksPerRow racks in one row (&ge; 1)
 * @param rowsPerZone rows in one zone (&ge; 1)
 * @param rackPitchM distance between neighbouring racks along x, metres
 * @param slotPitchM vertical distance between neighbouring chassis along y, metres
 * @param rowPitchM distance between rows along y (one hot and one cold aisle), metres
 * @param zoneGapM gap between zones along x, metres
 */
public record Layout(int nodesPerChassis, int chassisPerRack, int racksPerRow, int rowsPerZone,
                     double rackPitchM, double slotPitchM, double rowPitchM, double zoneGapM) {

    /** 2 nodes per chassis, 8 chassis per rack, 4 racks per row, 2 rows per zone: 16 nodes a rack, 128 a zone. */
    public static final Layout DEFAULT = new Layout(2, 8, 4, 2, 0.6, 0.09, 2.4, 3.0);

    public Layout {
        if (nodesPerChassis < 1 || chassisPerRack < 1 || racksPerRow < 1 || rowsPerZone < 1)
            throw new IllegalArgumentException("every layout count must be >= 1: " + nodesPerChassis + "/"
                    + chassisPerRack + "/" + racksPerRow + "/" + rowsPerZone);
        if (!(rackPitchM > 0 && slotPitchM > 0 && rowPitchM > 0 && zoneGapM >= 0))
            throw new IllegalArgumentException("layout distances must be positive");
    }

    public int nodesPerRack() {
        return nodesPerChassis * chassisPerRack;
    }

    public int nodesPerRow() {
        return nodesPerRack() * racksPerRow;
    }

    public int nodesPerZone() {
        return nodesPerRow() * rowsPerZone;
    }
}
